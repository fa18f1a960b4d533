// What the LaTeX reader knows about macros: argument signatures (so that arguments attach to their
// macro instead of reading as prose) and how each family reads as text.

/** Signatures unified-latex does not know by default (xparse syntax: m mandatory, o optional, s star). */
export const EXTRA_SIGNATURES: Record<string, { signature: string }> = Object.fromEntries(
  Object.entries({
    'o o m': 'citep citet citealp citealt citeauthor citeyear citeyearpar citenum Citet Citep Citeauthor parencite textcite autocite footcite smartcite Parencite Textcite Autocite supercite nocite',
    'm': 'cref Cref autoref nameref vref Vref labelcref pageref eqref subref gls Gls glspl Glspl glsentryshort acrshort acrlong acrfull acs acl acf acp acsp aclp acfp ac Ac Acp num si ang subfile input include includeonly KwIn KwOut KwData KwResult KwRet Comment tcp tcc cmidrule If ElseIf For ForAll While uIf uElseIf eIf icmltitle icmlauthor icmlaffiliation icmlcorrespondingauthor icmlkeywords icmlsetsymbol keywords affiliation email address thanks textsc textup textsl textnormal uline hl ul mbox textsuperscript textsubscript texorpdfstring captionof subcaption printacronyms',
    'm m': 'SI qty SIrange newacronym acro import subimport inputfrom subinputfrom includefrom newglossaryentry DeclareAcronym',
    'o m m': 'newacronym',
    'm o m': 'acro',
    'm m m': 'SIrange qtyrange multirow',
  }).flatMap(([signature, names]) => names.split(' ').map((name) => [name, { signature }])),
);
// Families below override anything above where a name appears twice.
EXTRA_SIGNATURES.newacronym = { signature: 'o m m m' };
EXTRA_SIGNATURES.multirow = { signature: 'o m o m o m' };
EXTRA_SIGNATURES.cmidrule = { signature: 'd() m' };
EXTRA_SIGNATURES.captionof = { signature: 'm o m' };
EXTRA_SIGNATURES.subcaption = { signature: 'o m' };
EXTRA_SIGNATURES.texorpdfstring = { signature: 'm m' };

const set = (names: string) => new Set(names.split(/\s+/).filter(Boolean));

export const HEADING_LEVELS: Record<string, number> = {
  part: 0,
  chapter: 0,
  section: 1,
  subsection: 2,
  subsubsection: 3,
  paragraph: 4,
  subparagraph: 5,
};

export const CITE_MACROS = set('cite citep citet citealp citealt citeauthor citeyear citeyearpar citenum Citet Citep Citeauthor parencite textcite autocite footcite smartcite Parencite Textcite Autocite supercite');
export const REF_MACROS = set('ref cref Cref autoref nameref vref Vref labelcref pageref eqref subref');
/** Macros whose last mandatory argument is prose to read as it is. */
export const TEXT_ARG_MACROS = set(
  'textbf textit emph texttt textsc textup textsl textrm textsf textnormal underline uline hl ul mbox text textmd fbox makebox framebox ensuremath textsuperscript footnotesize',
);
export const TITLE_MACROS = set('title icmltitle');
/** Macros that carry no prose; their arguments are skipped. */
export const SKIP_MACROS = set(
  'label usepackage RequirePackage documentclass bibliography bibliographystyle addbibresource printbibliography includegraphics vspace hspace setlength addtolength setcounter newcounter author icmlauthor icmlaffiliation icmlcorrespondingauthor icmlkeywords icmlsetsymbol keywords affiliation email address date maketitle tableofcontents thanks pagestyle thispagestyle hypersetup graphicspath newtheorem theoremstyle DeclareMathOperator geometry definecolor newenvironment renewenvironment makeatletter makeatother nocite toprule midrule bottomrule hline cline cmidrule addlinespace centering raggedright raggedleft noindent clearpage newpage pagebreak linebreak printacronyms printglossaries makeglossaries bibitem resizebox scalebox rotatebox phantom vphantom hphantom icmlEqualContribution printAffiliationsAndNotice twocolumn label',
);
/** Text macros without arguments that read as a fixed string. */
export const SYMBOLS: Record<string, string> = {
  '&': '&', '%': '%', $: '$', '#': '#', _: '_', '{': '{', '}': '}',
  ldots: '...', dots: '...', textellipsis: '...', LaTeX: 'LaTeX', TeX: 'TeX',
  textendash: '–', textemdash: '—', textasciitilde: '~', textbackslash: '\\',
  textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“', textquotedblright: '”',
  S: '§', P: '¶', copyright: '©', textregistered: '®', texttrademark: '™', dag: '†', ddag: '‡',
  percent: '%', times: '×', textdegree: '°', etal: 'et al.', eg: 'e.g.', ie: 'i.e.', etc: 'etc.', vs: 'vs.',
};
/** Macros that read as a space: spacing commands and line breaks inside a paragraph. */
export const SPACE_MACROS = set(', ; : ! quad qquad enspace thinspace newline space xspace enskip nobreakspace');
/** siunitx unit macros → text. */
export const UNIT_TEXT: Record<string, string> = {
  percent: '%', billion: 'billion', million: 'million', thousand: 'thousand', second: 's', hour: 'h',
  minute: 'min', giga: 'G', mega: 'M', kilo: 'k', byte: 'B', degree: '°', per: '/',
};
export const DEFINE_MACROS = set('newcommand renewcommand providecommand DeclareRobustCommand newcommandx');
export const ACRONYM_SHORT = set('gls glspl acrshort acs ac acp Gls Glspl Ac Acp glsentryshort acsp');
export const ACRONYM_LONG = set('acrlong acl aclp');
export const ACRONYM_FULL = set('acrfull acf acfp');
export const INPUT_MACROS = set('input include subfile import subimport inputfrom subinputfrom includefrom');
/** Algorithm lines: each starts a new list item. */
export const ALGORITHM_LINE_MACROS = set('State STATE Statex KwIn KwOut KwData KwResult KwRet Return Require Ensure Input Output REQUIRE ENSURE');
export const ALGORITHM_ARG_MACROS = set('If ElseIf For ForAll While uIf uElseIf eIf');

export const SKIP_ENVS = set(
  'equation equation* align align* gather gather* multline multline* eqnarray eqnarray* math displaymath flalign flalign* alignat alignat* split verbatim verbatim* Verbatim lstlisting minted comment filecontents thebibliography tikzpicture pgfpicture axis filecontents*',
);
export const TABLE_ENVS = set('tabular tabular* tabularx tabulary longtable supertabular xtabular tblr NiceTabular');
export const LIST_ENVS = set('itemize enumerate description compactitem compactenum inparaenum asparaenum');
export const ALGORITHM_ENVS = set('algorithmic algorithm2e algorithmicx');
// `\ ` (control space) is a macro named by a space, which a whitespace-split list cannot hold.
SPACE_MACROS.add(' ');
