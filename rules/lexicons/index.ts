import { Lexicon, type LexiconName, type Lexicons } from '../../server/src/core/rules/lexicon';
import actions from './actions.json';
import audiences from './audiences.json';
import baselines from './baselines.json';
import causalTests from './causalTests.json';
import goalCues from './goalCues.json';
import hedges from './hedges.json';
import impactVerbs from './impactVerbs.json';
import interpretabilityMethods from './interpretabilityMethods.json';
import realisticSignals from './realisticSignals.json';
import sideEffects from './sideEffects.json';
import toySignals from './toySignals.json';
import userEvaluation from './userEvaluation.json';
import vagueIdioms from './vagueIdioms.json';
import vagueObjects from './vagueObjects.json';
import variation from './variation.json';

// The built-in lexicons, compiled once. The config may extend any of them by category.
const DATA: Record<LexiconName, Record<string, string[]>> = {
  audiences, actions, baselines, interpretabilityMethods, toySignals, realisticSignals, sideEffects,
  causalTests, variation, userEvaluation, hedges, impactVerbs, vagueObjects, vagueIdioms, goalCues,
};

let compiled: Lexicons | undefined;

export function builtinLexicons(): Lexicons {
  compiled ??= Object.fromEntries(Object.entries(DATA).map(([name, data]) => [name, new Lexicon(data)])) as Lexicons;
  return compiled;
}
