import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import { sentenceCategories, sentenceClaims } from '../../server/src/core/claims';
import { COMPONENT } from '../../server/src/core/claims/categories/shared';

// An analysis that scores a feature, probe or direction as a classifier ("feature 20/13377 separates
// injected from clean emails with an AUROC of 0.97") has put it to a task: detection. That score only
// means something next to what a practitioner would use for the same task (a keyword filter, a
// prompted classifier, a trained probe on raw text), so the analysis is asked for a baseline (§6.1).

/** Acts of telling classes apart. */
const SEPARATE = new Set(['separate', 'detect', 'distinguish', 'discriminate', 'classify', 'flag', 'predict', 'identify']);
/** Scores only a classifier has (an AUROC, an F1); accuracy, precision and recall have other senses ("recall that…", "fp16 precision"). */
const METRIC = /\b(auroc|auc|auprc|au-roc|f1)\b/i;

/** The first own sentence in the experiments or results that scores a signal as a classifier. */
export function detectorScore(view: DocumentView): SentenceRef | undefined {
  return view.sentences.find((s) => {
    if (!['abstract', 'experiments', 'results'].includes(s.role) || !METRIC.test(s.text)) return false;
    if (sentenceCategories(s.text).has('cited-background')) return false;
    // The tagger may read the act as a noun ("one of them separates/NOUN injected from clean emails"), so the
    // act is any form of the lemma; what is scored is a part of the model ("feature 20/13377 is active on 191…").
    const { tokens, claims } = sentenceClaims(s.text);
    if (!claims.some((c) => c.source === 'own' && c.status !== 'negated' && c.status !== 'hypothetical')) return false;
    return tokens.some((t) => SEPARATE.has(t.lemma) || SEPARATE.has(t.lower.replace(/s$/, ''))) || tokens.some((t) => COMPONENT.has(t.lemma));
  });
}
