export { type Actor, type Claim, type SentenceClaims, sentenceClaims, type Source, type Status } from './claims';
export { CATEGORIES, type Category, sentenceCategories } from './categories/index';
