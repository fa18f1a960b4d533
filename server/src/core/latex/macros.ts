// What the LaTeX reader knows about macros: argument signatures (so that arguments attach to their
// macro instead of reading as prose) and how each family reads as text.

/** Signatures unified-latex does not know by default (xparse syntax: m mandatory, o optional, s star). */
export const EXTRA_SIGNATURES: Record<string, { signature: string }> = Object.fromEntries(
  Object.entries({
    'o o m': 'citep citet citealp citealt citeauthor citeyear citeyearpar citenum Citet Citep Citeauthor parencite textcite autocite footcite smartcite Parencite Textcite Autocite supercite nocite subfigure subfloat makebox framebox',
    'm': 'cref Cref autoref nameref vref Vref labelcref pageref eqref subref gls Gls glspl Glspl glsentryshort glsentrylong glstext glsfirst glsxtrshort glsxtrlong glsxtrfull acrshort acrlong acrfull acrshortpl acrlongpl acrfullpl Acrshort Acrlong Acrfull acs acl acf acp acsp aclp acfp acsu aclu acfi iac Iac Acl Acf Aclp Acfp Acs ac Ac Acp acused num si ang subfile input include includeonly KwIn KwOut KwData KwResult KwRet Comment tcp tcc cmidrule If ElseIf For ForAll While uIf uElseIf eIf icmltitle icmlauthor icmlaffiliation icmlcorrespondingauthor icmlkeywords icmlsetsymbol keywords affiliation email address thanks textsc textup textsl textnormal uline hl ul mbox textsuperscript textsubscript texorpdfstring captionof subcaption printacronyms ' +
      // Preamble and configuration commands: their argument is a setting, never prose.
      'usetikzlibrary usepgfplotslibrary tikzset pgfplotsset tcbuselibrary tcbset mdfsetup setcitestyle hypersetup sisetup lstset urlstyle pagenumbering newlength stepcounter refstepcounter linespread setstretch AtBeginDocument AtEndDocument hyphenation floatstyle theoremstyle setuptodonotes pgfkeys newsavebox geometry newgeometry setacronymstyle newtoggle toggletrue togglefalse providetoggle newbool booltrue boolfalse tnote tablefootnote sethlcolor selectlanguage fxsetup DeclareSourcemap setlistdepth glsaddall index',
    'm m': 'SI qty SIrange newacronym acro import subimport inputfrom subinputfrom includefrom newglossaryentry DeclareAcronym AtBeginEnvironment AtEndEnvironment floatname lstdefinestyle mdfdefinestyle crefformat Crefformat creflabelformat setlength addtolength settowidth settoheight settodepth setcounter addtocounter PassOptionsToPackage fontsize pgfmathsetmacro sbox setkeys SetKwInput SetKwInOut SetKwFunction SetKwData SetKw DeclareCaptionFormat DeclareCaptionLabelFormat DeclareCaptionFont DeclareCaptionLabelSeparator DeclareCaptionTextFormat settoggle setbool hyperlink hypertarget adjustbox algnewcommand algrenewcommand',
    'o m m': 'newacronym numberwithin DeclareFieldFormat newminted pgfplotstableread textcolor colorbox',
    'o m': 'cellcolor rowcolor color pagecolor captionsetup todo missingfigure fxnote fxwarning fxerror fxfatal setlist fancyhead fancyfoot fancyhf lhead chead rhead lfoot cfoot rfoot ExecuteBibliographyOptions setminted usemintedstyle declaretheorem declaretheoremstyle loadglsentries addbibresource newmdenv shortstack tcbox',
    'm o m': 'acro newacro acrodef acrodefplural newacroplural acroplural newcolumntype scalebox DeclareCaptionStyle',
    'm m m': 'SIrange qtyrange multirow crefname Crefname SetKwComment ifthenelse ifbool iftoggle ifdef ifndef ifdefempty ifcsdef ifcsundef ifstrempty ifblank IfFileExists IfPackageLoadedTF',
    'm m m m': 'pretocmd apptocmd ifstrequal SetKwProg',
    'o m m m': 'definecolor fcolorbox newabbreviation foreignlanguage',
    'o m o o m': 'newtcolorbox renewtcolorbox newtcbox',
  }).flatMap(([signature, names]) => names.split(' ').filter(Boolean).map((name) => [name, { signature }])),
);
// Families below override anything above where a name appears twice.
EXTRA_SIGNATURES.newacronym = { signature: 'o m m m' };
EXTRA_SIGNATURES.multirow = { signature: 'o m o m o m' };
EXTRA_SIGNATURES.cmidrule = { signature: 'd() m' };
EXTRA_SIGNATURES.captionof = { signature: 'm o m' };
EXTRA_SIGNATURES.subcaption = { signature: 'o m' };
EXTRA_SIGNATURES.texorpdfstring = { signature: 'm m' };
EXTRA_SIGNATURES.patchcmd = { signature: 'm m m m m' };
EXTRA_SIGNATURES.colorlet = { signature: 'o m o m' };
EXTRA_SIGNATURES.newfloat = { signature: 'm m m o' };
EXTRA_SIGNATURES.restylefloat = { signature: 's m' };
EXTRA_SIGNATURES.titleformat = { signature: 's m o m m m m o' };
EXTRA_SIGNATURES.titlespacing = { signature: 's m m m m o' };
EXTRA_SIGNATURES.newcounter = { signature: 'm o' };
EXTRA_SIGNATURES.newlist = { signature: 'm m m' };
EXTRA_SIGNATURES.setmainfont = { signature: 'o m o' };
EXTRA_SIGNATURES.setsansfont = { signature: 'o m o' };
EXTRA_SIGNATURES.setmonofont = { signature: 'o m o' };
EXTRA_SIGNATURES.newfontfamily = { signature: 'm o m o' };
EXTRA_SIGNATURES.lstnewenvironment = { signature: 'm o o m m' };
EXTRA_SIGNATURES.presetkeys = { signature: 'm m m' };
EXTRA_SIGNATURES.listoftodos = { signature: 'o' };
EXTRA_SIGNATURES.parbox = { signature: 'o o o m m' };
EXTRA_SIGNATURES.raisebox = { signature: 'm o o m' };
EXTRA_SIGNATURES.twocolumn = { signature: 'o' };
// ICML's author block: `\icmlauthor{Name}{keys}`, `\icmlaffiliation{key}{Place}`, `\icmlsetsymbol{equal}{*}`.
for (const name of ['icmlauthor', 'icmlaffiliation', 'icmlcorrespondingauthor', 'icmlsetsymbol']) EXTRA_SIGNATURES[name] = { signature: 'm m' };
EXTRA_SIGNATURES.excludecomment = { signature: 'm' };
EXTRA_SIGNATURES.includecomment = { signature: 'm' };
// Declarations: a group right after them is never their argument (`\noindent{\bf Note.} text`).
for (const name of 'centering raggedright raggedleft noindent indent toprule midrule bottomrule hline makeatletter makeatother maketitle clearpage cleardoublepage newpage onecolumn arraybackslash hfill vfill smallskip medskip bigskip small footnotesize scriptsize tiny large Large LARGE huge Huge normalsize bfseries itshape ttfamily rmfamily sffamily scshape upshape mdseries normalfont em bf it tt sc rm sf sl selectfont protect relax leavevmode iclrfinalcopy'.split(' ')) {
  EXTRA_SIGNATURES[name] = { signature: '' };
}

/** Environment signatures unified-latex does not know: their options attach instead of reading as prose. */
export const ENV_SIGNATURES: Record<string, { signature: string }> = Object.fromEntries(
  Object.entries({
    'o': 'table* sidewaysfigure sidewaystable sidewaysfigure* sidewaystable* tcolorbox mdframed algorithm algorithm* algorithmic algorithm2e algorithm2e* acronym Verbatim threeparttable threeparttablex tablenotes compactitem compactenum inparaenum asparaenum assumption claim conjecture hypothesis observation fact property question problem notation axiom exercise solution answer note' ,
    'o m': 'subfigure subtable longtable xtabular supertabular tblr longtblr talltblr',
    'o m o m': 'wrapfigure wraptable wrapfloat',
    'm o m': 'tabularx tabulary',
    'm': 'adjustbox spacing otherlanguage otherlanguage*',
    'o o o m': 'boxedminipage',
  }).flatMap(([signature, names]) => names.split(' ').filter(Boolean).map((name) => [name, { signature }])),
);

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
/** Macros whose mandatory arguments are prose to read as they are. */
export const TEXT_ARG_MACROS = set(
  'textbf textit emph texttt textsc textup textsl textrm textsf textnormal underline uline hl ul mbox text textmd fbox ensuremath textsuperscript footnotesize',
);
/** Boxes and links whose last mandatory argument is prose; the others are sizes, colours, targets. */
export const LAST_ARG_MACROS = set(
  'textcolor colorbox fcolorbox resizebox scalebox rotatebox raisebox parbox makebox framebox adjustbox hyperlink hypertarget foreignlanguage tcbox shortstack reflectbox',
);
/** Conditionals taking braces (ifthenelse, etoolbox): only the first branch is read, as TeX's \if…\else. */
export const BRANCH_MACROS: Record<string, number> = {
  ifthenelse: 1, ifbool: 1, iftoggle: 1, ifdef: 1, ifndef: 1, ifdefempty: 1, ifcsdef: 1, ifcsundef: 1,
  ifstrempty: 1, ifblank: 1, IfFileExists: 1, IfPackageLoadedTF: 1, ifstrequal: 2,
};
export const TITLE_MACROS = set('title icmltitle');
/** Macros that carry no prose; their arguments are skipped. */
export const SKIP_MACROS = set(
  'label usepackage RequirePackage documentclass bibliography bibliographystyle addbibresource printbibliography includegraphics vspace hspace setlength addtolength setcounter newcounter author icmlauthor icmlaffiliation icmlcorrespondingauthor icmlkeywords icmlsetsymbol keywords affiliation email address date maketitle tableofcontents thanks pagestyle thispagestyle hypersetup graphicspath newtheorem theoremstyle DeclareMathOperator geometry definecolor newenvironment renewenvironment makeatletter makeatother nocite toprule midrule bottomrule hline cline cmidrule addlinespace centering raggedright raggedleft noindent clearpage newpage pagebreak linebreak printacronyms printglossaries makeglossaries bibitem phantom vphantom hphantom icmlEqualContribution printAffiliationsAndNotice ' +
    // Preamble, configuration and colour commands, wherever they appear.
    'usetikzlibrary usepgfplotslibrary tikzset pgfplotsset tikzstyle tcbuselibrary tcbset mdfsetup setcitestyle sisetup lstset urlstyle pagenumbering newlength stepcounter refstepcounter addtocounter linespread setstretch fontsize selectfont AtBeginDocument AtEndDocument AtBeginEnvironment AtEndEnvironment hyphenation floatstyle floatname newfloat restylefloat setuptodonotes pgfkeys pgfmathsetmacro pgfplotstableread newsavebox sbox setkeys presetkeys geometry newgeometry setacronymstyle newtoggle toggletrue togglefalse settoggle providetoggle newbool setbool booltrue boolfalse sethlcolor selectlanguage fxsetup DeclareSourcemap setlistdepth glsaddall index captionsetup newcolumntype crefname Crefname crefformat Crefformat creflabelformat crefalias numberwithin PassOptionsToPackage DeclareOption ProcessOptions ExecuteOptions settowidth settoheight settodepth DeclareFieldFormat ExecuteBibliographyOptions DeclareCaptionFormat DeclareCaptionLabelFormat DeclareCaptionFont DeclareCaptionStyle DeclareCaptionLabelSeparator DeclareCaptionTextFormat lstdefinestyle lstdefinelanguage lstnewenvironment mdfdefinestyle newminted setminted usemintedstyle declaretheorem declaretheoremstyle newtheoremstyle loadglsentries newmdenv newtcolorbox renewtcolorbox newtcbox colorlet titleformat titlespacing newlist setlist fancyhead fancyfoot fancyhf lhead chead rhead lfoot cfoot rfoot setmainfont setsansfont setmonofont newfontfamily pretocmd apptocmd patchcmd SetKwInput SetKwInOut SetKwFunction SetKwData SetKw SetKwComment SetKwProg SetAlgoLined SetAlgoNoLine DontPrintSemicolon SetAlgoVlined LinesNumbered algnewcommand algrenewcommand allowdisplaybreaks raggedbottom flushbottom frenchspacing onehalfspacing doublespacing singlespacing pdfinfo pdfoutput pdfminorversion pdfsuppresswarningpagegroup acused acresetall ' +
    // Colour declarations: their argument is a colour, not a word.
    'cellcolor rowcolor rowcolors color pagecolor ' +
    // Inline pictures.
    'tikz pgfimage ' +
    // Notes to the authors (todonotes and fixme): not the paper's text.
    'todo missingfigure listoftodos todototoc fxnote fxwarning fxerror fxfatal tnote includecomment',
);
/** Macros that define other macros or environments: their arguments are code, never followed. */
export const DEFINITION_MACROS = set('newcommand renewcommand providecommand DeclareRobustCommand newcommandx newenvironment renewenvironment NewDocumentCommand RenewDocumentCommand ProvideDocumentCommand DeclareDocumentCommand NewDocumentEnvironment RenewDocumentEnvironment lstnewenvironment newtcolorbox renewtcolorbox newtcbox newmdenv');
/** TeX registers set as `\name=value` or `\name value`, and skips (`\vskip 0.3in`): the value is not prose. */
export const REGISTERS = set(
  'vskip hskip kern mskip pdfoutput pdfminorversion pdfcompresslevel pdfobjcompresslevel tolerance emergencystretch hbadness vbadness hfuzz vfuzz clubpenalty widowpenalty displaywidowpenalty interlinepenalty brokenpenalty predisplaypenalty postdisplaypenalty parindent parskip baselineskip lineskip abovedisplayskip belowdisplayskip abovedisplayshortskip belowdisplayshortskip textfloatsep floatsep intextsep dbltextfloatsep abovecaptionskip belowcaptionskip columnsep arraycolsep tabcolsep fboxsep fboxrule arrayrulewidth doublerulesep overfullrule topmargin oddsidemargin evensidemargin textwidth textheight headheight headsep footskip marginparwidth',
);
/** Text macros without arguments that read as a fixed string. */
export const SYMBOLS: Record<string, string> = {
  '&': '&', '%': '%', $: '$', '#': '#', _: '_', '{': '{', '}': '}',
  ldots: '...', dots: '...', textellipsis: '...', LaTeX: 'LaTeX', TeX: 'TeX',
  textendash: '–', textemdash: '—', textasciitilde: '~', textbackslash: '\\',
  textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“', textquotedblright: '”',
  S: '§', P: '¶', copyright: '©', textregistered: '®', texttrademark: '™', dag: '†', ddag: '‡',
  percent: '%', times: '×', textdegree: '°', etal: 'et al.', eg: 'e.g.', ie: 'i.e.', etc: 'etc.', vs: 'vs.',
  textasciicircum: '^', textunderscore: '_', textbar: '|', textless: '<', textgreater: '>',
  textexclamdown: '¡', textquestiondown: '¿', pounds: '£', textsterling: '£', euro: '€', texteuro: '€', textsection: '§',
};
/** Symbols typed as control words that stand for one character: TeX eats the space after them (`\textbackslash n` is "\\n"). */
export const CHAR_SYMBOLS = set('textbackslash textasciitilde textasciicircum textunderscore textbar textless textgreater');
/** Letters typed as macros (`\ss`, `{\o}`): a user's own definition of the same name wins. */
export const LETTERS: Record<string, string> = {
  ss: 'ß', SS: 'SS', o: 'ø', O: 'Ø', aa: 'å', AA: 'Å', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', l: 'ł', L: 'Ł',
  i: 'ı', j: 'ȷ', th: 'þ', TH: 'Þ', dh: 'ð', DH: 'Ð', ng: 'ŋ', NG: 'Ŋ', dj: 'đ', DJ: 'Đ',
};
/** Accent macros → the combining mark they put on the next letter (`\'e` → é, `\c{c}` → ç). */
export const ACCENTS: Record<string, string> = {
  '`': '\u0300', "'": '\u0301', '^': '\u0302', '~': '\u0303', '=': '\u0304', u: '\u0306', '.': '\u0307', '"': '\u0308',
  r: '\u030A', H: '\u030B', v: '\u030C', d: '\u0323', c: '\u0327', k: '\u0328', b: '\u0331', t: '\u0361',
};
/** Macros that read as a space: spacing commands and line breaks inside a paragraph. */
export const SPACE_MACROS = set(', ; : ! quad qquad enspace thinspace newline space xspace enskip nobreakspace');
/** siunitx unit macros → text. */
export const UNIT_TEXT: Record<string, string> = {
  percent: '%', billion: 'billion', million: 'million', thousand: 'thousand', second: 's', hour: 'h',
  minute: 'min', giga: 'G', mega: 'M', kilo: 'k', byte: 'B', degree: '°', per: '/',
  tera: 'T', peta: 'P', milli: 'm', micro: 'µ', nano: 'n', centi: 'c', metre: 'm', meter: 'm', gram: 'g', hertz: 'Hz', watt: 'W', joule: 'J', bit: 'b',
};
export const DEFINE_MACROS = set('newcommand renewcommand providecommand DeclareRobustCommand newcommandx');
export const ACRONYM_DEFINE = set('newacronym newabbreviation acro newacro acrodef DeclareAcronym newglossaryentry');
export const ACRONYM_SHORT = set('gls glspl acrshort acrshortpl Acrshort glsxtrshort glstext acs Acs acsu ac acp Gls Glspl Ac Acp glsentryshort acsp iac Iac');
export const ACRONYM_LONG = set('acrlong acrlongpl Acrlong glsxtrlong glsentrylong acl Acl aclu aclp Aclp');
export const ACRONYM_FULL = set('acrfull acrfullpl Acrfull glsxtrfull glsfirst acf Acf acfi acfp Acfp');
export const INPUT_MACROS = set('input include subfile import subimport inputfrom subinputfrom includefrom');

/** Bodies read as raw text (the parser knows only some of them): never prose, never LaTeX. */
export const VERBATIM_ENVS = set(
  'verbatim verbatim* Verbatim Verbatim* BVerbatim LVerbatim SaveVerbatim VerbatimOut spverbatim lstlisting minted comment filecontents filecontents* tcblisting pycode pyblock pyverbatim sageblock sagesilent luacode luacode*',
);
/** Display-math environments: in a sentence they read as `[math]`. */
export const MATH_ENVS = set(
  'equation equation* align align* gather gather* multline multline* eqnarray eqnarray* math displaymath flalign flalign* alignat alignat* split dmath dmath* IEEEeqnarray IEEEeqnarray*',
);
/** Environment-defining commands: `\newenvironment{name}[count][default]` takes an optional argument only with a default. */
export const ENV_DEFINE = set('newenvironment renewenvironment newtcolorbox renewtcolorbox');
/** Run-in labels (`\textbf{Note.} Text`): formatting commands and declarations that start one. */
export const RUN_IN_MACROS = set('textbf textit emph textsc underline textsl');
export const RUN_IN_DECLARATIONS = set('bf it em sl sc bfseries itshape scshape slshape');
/** Environments whose body is not prose: maths, code, pictures, plots, pseudo-code, bibliographies. */
export const SKIP_ENVS = set(
  'equation equation* align align* gather gather* multline multline* eqnarray eqnarray* math displaymath flalign flalign* alignat alignat* split dmath dmath* IEEEeqnarray IEEEeqnarray* thebibliography ' +
    'tikzpicture pgfpicture axis semilogxaxis semilogyaxis loglogaxis polaraxis groupplot tikzcd forest circuitikz scope ' +
    'algorithmic algorithmicx',
);
for (const name of VERBATIM_ENVS) SKIP_ENVS.add(name);
/** Floats of pseudo-code: only their caption is prose. */
export const ALGORITHM_FLOATS = set('algorithm algorithm* algorithm2e algorithm2e*');
/** Environments whose body is a list of definitions (the acronym list): read for the definitions only. */
export const DEFINITION_ENVS = set('acronym');
export const TABLE_ENVS = set('tabular tabular* tabularx tabulary longtable supertabular xtabular tblr longtblr talltblr NiceTabular');
export const LIST_ENVS = set('itemize enumerate description compactitem compactenum inparaenum asparaenum');
/** Floats and boxes: their text stands apart from the paragraph around them. */
export const BLOCK_ENVS = set(
  'figure figure* table table* wrapfigure wraptable wrapfloat subfigure subtable minipage center flushleft flushright sidewaysfigure sidewaystable sidewaysfigure* sidewaystable* threeparttable threeparttablex tablenotes tcolorbox mdframed framed shaded leftbar boxedminipage adjustbox',
);
// `\ ` (control space) is a macro named by a space, which a whitespace-split list cannot hold.
SPACE_MACROS.add(' ');
