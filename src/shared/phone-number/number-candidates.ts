/**
 * The fast pre-filter of the page scanner: finds the runs of text that could be a phone number and throws out, by
 * their shape and the characters glued to them, the ones that are something else (dates, times, decimals, IP
 * addresses, versions, coordinates, codes in words or URLs). Only what survives is validated; the words around a
 * valid number (amounts, references) are looked at last, by `isInNonPhoneContext`.
 */

export interface NumberCandidate {
  /** Offsets in the scanned text; `text.slice(start, end)` is what a link would cover (extension included). */
  readonly start: number;
  readonly end: number;
  /** The number itself, as written (no extension). */
  readonly number: string;
  /** True when written internationally (`+…`, `00…`); the default country is not needed to read it. */
  readonly isInternational: boolean;
  readonly extension: string | null;
}

/** Spaces people put in numbers: plain, no-break, figure, thin, narrow no-break. */
const SPACES = ' \\u00a0\\u2007\\u2009\\u202f';
/** Hyphens: ASCII, Unicode hyphen, non-breaking hyphen, en dash. */
const DASHES = '\\-\\u2010\\u2011\\u2013';
const PIECE_BREAK = new RegExp(`[${SPACES}]+[/${DASHES}][${SPACES}]+|[${SPACES}]{2,}`, 'g');

const MIN_DIGITS = 7;
const MAX_NATIONAL_DIGITS = 14;
/** E.164: at most 15 digits after the `+`. */
const MAX_INTERNATIONAL_DIGITS = 15;

/** Glued to a number, these make it part of a word, a code, a URL, an amount or a reference. */
const BAD_BEFORE = /[\p{L}\p{N}_#№$€£¥@\\=&%*/\-−]/u;
const BAD_AFTER = /[\p{L}\p{N}_%€$£¥°′″@*]/u;
const BAD_BEFORE_ASCII = asciiTable(BAD_BEFORE);
const BAD_AFTER_ASCII = asciiTable(BAD_AFTER);
const CURRENCY_BEFORE = /(?:[$€£¥₹]|\b(?:eur|usd|gbp|chf|cad|aud))[\s\u00a0\u202f]*$/i;
const CURRENCY_AFTER = /^[\s\u00a0\u202f]*(?:[$€£¥₹]|(?:eur|euros?|usd|gbp|chf|cad|aud|dollars?|ht|ttc)\b)/i;
/** Space, no-break and narrow no-break spaces, as a regex class body. */
const GAP = '[\\s\\u00a0\\u202f]';
/**
 * Words that announce a phone number, in the languages of the pages we read (FR, EN, DE, NL, IT, ES, PT, SV, PL):
 * beside a reference word further back, they win.
 */
const PHONE_LABELS = [
  't[ée]l[ée]?(?:phone|fono|fone|efon|efoon)?|phone|call|fax|fon|ruf|bel|gsm|tlf|tfno|tlm|kom|mob',
  'mobile?|mobil|portable|cell(?:ular|ulare)?|handy|m[óo]vil|telem[óo]vel|kom[óo]rka',
  'standard|ligne|appel(?:ez)?|centralino|v[äa]xel|hotline|helpline|freephone',
  'num[ée]ro vert|numero verde|linha verde',
].join('|');
const PHONE_LABEL_BEFORE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${PHONE_LABELS})(?![\\p{L}])\\.?${GAP}*(?:\\([^)]{0,12}\\))?${GAP}*[:.]?${GAP}*$`,
  'iu',
);
/**
 * Words that say the number after them is something else: an order, an invoice, an account, a company or tax
 * register number, in the languages of the pages we read. Whole words only ("Verde" is not "ver" and a country code).
 */
const REFERENCE_LABELS = [
  'order|commande|invoice|facture|r[ée]f(?:[ée]rence)?|n°|nº|no\\.|account|compte|tracking|suivi|colis|ticket|dossier',
  'num[ée]ro de (?:commande|dossier|facture|client|s[ée]rie)|contra[ct]t?|serial|s[ée]rie|isbn|sku|lot|code',
  'version|build|release|ver|id|po|case|transaction|payment|paiement',
  'bestell(?:nummer)?|rechnung|pedido|factura|ordine|fattura',
  // Company and tax registers.
  "siret|siren|tva|vat|iban|bic|entreprise|num[ée]ro d['’]entreprise|enterprise|company|registered",
  'kvk|btw|ondernemingsnummer|kbo|bce|ust-?id(?:nr)?|ust\\.?-?idnr|uid|steuer(?:nummer|nr)|st\\.?-?nr',
  'handelsregister|firmenbuch(?:nummer)?|p\\.?\\s?iva|partita iva|codice fiscale|c\\.\\s?f',
  'cif|nif|nie|dni|nipc|contribuinte|matricule|org\\.?\\s?nr|organisationsnummer',
  'momsreg(?:istreringsnummer|\\.?\\s?nr)?|regon|abn|acn|cpf|cnpj|ssn|nir|ein',
].join('|');
/** Register acronyms that are also everyday words or syllables ("if", "rc"), taken only as capitals. */
const REFERENCE_ACRONYMS = 'HRB|HRA|FN|ATU|CHE|REA|RCS|RC|IF|ICE|CNSS|NIP|KRS|CRO|BN|NEQ';
/** After the word: "number", "Nr.", "n.º"…, a colon, and a country code ("BTW NL", "VAT: FR"). */
const REFERENCE_TAIL = `\\.?(?:${GAP}*[-‐]?${GAP}*(?:number|num[ée]ro|nummer|nr\\.?|n\\.?[°º]|no\\.?|#))?${GAP}*[:.#]?(?:${GAP}+[A-Z]{2})?${GAP}*$`;
const REFERENCE_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${REFERENCE_LABELS})(?![\\p{L}])${REFERENCE_TAIL}`, 'iu');
/** "RCS Luxembourg B 254321": a register's acronym, maybe its town and section letter. */
const REFERENCE_ACRONYM_BEFORE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${REFERENCE_ACRONYMS})(?![\\p{L}])(?:${GAP}+\\p{Lu}\\p{Ll}+)?(?:${GAP}+\\p{Lu})?${REFERENCE_TAIL}`,
  'u',
);
const EXTENSION_AFTER =
  /^[\s\u00a0\u202f]*,?[\s\u00a0\u202f]*(?:ext\.?|extension|x|poste|p\.|durchwahl|app\.|int\.)[\s\u00a0\u202f]*(\d{1,6})(?!\d)/i;

/** An area code: a trunk prefix and up to four digits, maybe bracketed (`030`, `(0662)`). */
const AREA_CODE = /^\(?0\d{1,4}\)?$/;
const AREA_CODE_THEN_NUMBER = new RegExp(
  `^\\(?0\\d{1,4}\\)?([${SPACES}]*[/${DASHES}][${SPACES}]*)(\\d[\\d${SPACES}${DASHES}.]*)$`,
);
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const DATE = /^(?:\d{1,2}([./\-])\d{1,2}\1(?:\d{4}|\d{2})|\d{4}([./\-])\d{1,2}\2\d{1,2})$/;
/** A part after a dot that is one digit, spaces around it aside (`10.0.19045.2965`). */
const ONE_DIGIT_PART_AFTER_A_DOT = /\.\s*\d\s*(?=\.|$)/;
const YEAR_RANGE = /^(?:19|20)\d\d\s*[\-–/]\s*(?:19|20)\d\d$/;

/** What `findNumberCandidates` answers for the many texts that hold none: one array, never written to. */
const NO_CANDIDATES: readonly NumberCandidate[] = [];

/**
 * Every candidate in `text`, in order. One pass over the text, allocating nothing for the texts (most of a page:
 * names, words, addresses, dates) that hold none. National numbers have at least `minNationalDigits` (from the
 * default country's numbering plan), international ones seven. Where the plan's numbers are written with a trunk
 * prefix (France's 0), `nationalPrefix` is it: a national number starting otherwise is no candidate.
 */
export function findNumberCandidates(
  text: string,
  minNationalDigits = MIN_DIGITS,
  nationalPrefix: string | null = null,
): readonly NumberCandidate[] {
  const prefixDigit = nationalPrefix?.charCodeAt(0) ?? null;
  const minDigits = Math.min(minNationalDigits, MIN_DIGITS);
  let candidates: NumberCandidate[] | null = null;
  // A run is what a number can be written with: from a digit (and the `+` or `(` just before it) over digits,
  // spaces, dashes, dots, slashes and brackets, to its last digit. Each is found and its digits counted as the text is
  // read once; the next run is looked for from where the last one ended.
  let searchFrom = 0;
  let index = 0;
  while (index < text.length) {
    if (!isDigitCode(text.charCodeAt(index))) {
      index++;
      continue;
    }
    let runStart = index;
    while (runStart > searchFrom && isRunOpener(text.charCodeAt(runStart - 1))) runStart--;
    let runEnd = index + 1;
    let digits = 1;
    // Only a run with two spaces in a row, or a spaced slash or dash, can hold more than one number.
    let mayHoldSeveral = false;
    for (let at = runEnd; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (isDigitCode(code)) {
        digits++;
        runEnd = at + 1;
      } else if (!isRunPunctuation(code)) {
        break;
      } else if (!mayHoldSeveral && isSpaceCode(code)) {
        const next = text.charCodeAt(at + 1);
        mayHoldSeveral = isSpaceCode(next) || next === 47 /* / */ || isDashCode(next);
      }
    }
    if (digits < minDigits) {
      // Too few digits for any number.
    } else if (mayHoldSeveral) {
      for (const candidate of piecesOfRun(text, runStart, runEnd, minNationalDigits))
        (candidates ??= []).push(candidate);
    } else if (
      mayBeInternational(text, runStart, index) ||
      (digits >= minNationalDigits && (prefixDigit === null || text.charCodeAt(index) === prefixDigit))
    ) {
      // Dates and short codes (`12/05/2026`, `123 456 789`) have too few digits for a national number; references
      // and amounts (`1234567890`) lack the trunk prefix.
      const candidate = candidateAt(text, runStart, runEnd, minNationalDigits);
      if (candidate !== null) (candidates ??= []).push(candidate);
    }
    index = runEnd;
    searchFrom = runEnd;
  }
  return candidates ?? NO_CANDIDATES;
}

/**
 * Whether the run from `runStart`, whose first digit is at `firstDigit`, may be written internationally: a `+` before
 * that digit, or `00` and a digit other than 0 (what `isWrittenInternationally` asks, on the text before slicing).
 */
function mayBeInternational(text: string, runStart: number, firstDigit: number): boolean {
  for (let index = runStart; index < firstDigit; index++) if (text.charCodeAt(index) === 43 /* + */) return true;
  return isDialOutZeros(text, firstDigit);
}

/** The candidates of a run cut where it holds several numbers (`01 23 45 67 89  06 12 34 56 78`). */
function piecesOfRun(text: string, runStart: number, runEnd: number, minNationalDigits: number): NumberCandidate[] {
  const run = text.slice(runStart, runEnd);
  const candidates: NumberCandidate[] = [];
  let pieceStart = 0;
  PIECE_BREAK.lastIndex = 0;
  for (let pieceBreak = PIECE_BREAK.exec(run); ; pieceBreak = PIECE_BREAK.exec(run)) {
    // "0662 / 12 34 56", "030 - 1234567": a spaced slash or dash after an area code goes on with the number.
    if (pieceBreak !== null && /[/\-\u2010\u2011\u2013]/.test(pieceBreak[0]))
      if (AREA_CODE.test(run.slice(pieceStart, pieceBreak.index))) continue;
    const pieceEnd = pieceBreak === null ? run.length : pieceBreak.index;
    const candidate = candidateAt(text, runStart + pieceStart, runStart + pieceEnd, minNationalDigits);
    if (candidate !== null) candidates.push(candidate);
    if (pieceBreak === null) return candidates;
    pieceStart = pieceBreak.index + pieceBreak[0].length;
  }
}

function candidateAt(
  text: string,
  rawStart: number,
  rawEnd: number,
  minNationalDigits: number,
): NumberCandidate | null {
  let start = rawStart;
  let end = rawEnd;
  // Brackets must pair up: "(see 01 23…)" gives a stray "(" that belongs to the sentence.
  while (start < end && !isNumberStart(text.charCodeAt(start))) start++;
  while (end > start && !isNumberEnd(text.charCodeAt(end - 1))) end--;
  let number = text.slice(start, end);
  if (number.includes('(') || number.includes(')')) {
    while (number.startsWith('(') && !hasBalancedBrackets(number)) {
      start++;
      number = number.slice(1);
    }
    // "0900 123 456 (1,99 €/min)": a bracket opened after the number and closed past it is the sentence's.
    const unclosed = firstUnclosedBracket(number);
    if (unclosed > 0) {
      end = start + unclosed;
      while (end > start && !isNumberEnd(text.charCodeAt(end - 1))) end--;
      number = text.slice(start, end);
    }
    if (!hasBalancedBrackets(number)) return null;
  }

  const digits = countDigits(number);
  const isInternational = isWrittenInternationally(number);
  if (isInternational ? digits < MIN_DIGITS : digits < minNationalDigits) return null;
  if (digits > (isInternational ? MAX_INTERNATIONAL_DIGITS + 2 : MAX_NATIONAL_DIGITS)) return null;

  if (start > 0) {
    const before = text.charAt(start - 1);
    if (charIs(before, BAD_BEFORE_ASCII, BAD_BEFORE)) return null;
    if ((before === '.' || before === ',' || before === ':') && isDigitCode(text.charCodeAt(start - 2))) return null;
  }
  if (end < text.length) {
    if (charIs(text.charAt(end), BAD_AFTER_ASCII, BAD_AFTER) || continuesNumber(text, end)) return null;
  }

  if (!isInternational && !hasPhoneShape(number)) return null;

  // Most numbers end their text (a table cell); only one followed by more can have an extension after it.
  const extension = end < text.length ? EXTENSION_AFTER.exec(text.slice(end, end + 24)) : null;
  if (extension !== null) {
    return { start, end: end + extension[0].length, number, isInternational, extension: extension[1] ?? null };
  }
  return { start, end, number, isInternational, extension: null };
}

/**
 * Whether the words around a candidate say it is something else: an amount (a currency beside it) or a reference
 * ("SIRET", "order no.", "IBAN"… before it, unless a phone label is nearer). These regexes cost more than
 * validating, so the finder asks only about numbers that validated.
 */
export function isInNonPhoneContext(text: string, candidate: NumberCandidate): boolean {
  const lead = text.slice(Math.max(0, candidate.start - 40), candidate.start);
  const tail = text.slice(candidate.end, candidate.end + 12);
  // A number alone in its text (a table's cell), or among digits and punctuation only, has no such words around it.
  if (hasWordOrCurrency(tail) && CURRENCY_AFTER.test(tail)) return true;
  if (!hasWordOrCurrency(lead)) return false;
  if (CURRENCY_BEFORE.test(lead)) return true;
  return !PHONE_LABEL_BEFORE.test(lead) && (REFERENCE_BEFORE.test(lead) || REFERENCE_ACRONYM_BEFORE.test(lead));
}

/**
 * Whether `text` has a character the context's words and symbols need: an ASCII letter or `$`, or anything past
 * ASCII (accented letters, `€`, `£`, `№`). The context's patterns all need one of them to match.
 */
function hasWordOrCurrency(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 36 || code > 127 || ((code | 32) >= 97 && (code | 32) <= 122)) return true;
  }
  return false;
}

/**
 * What a national number never looks like: a date, an IP address, a version, a decimal, a year range. One kind of
 * punctuation, or an area code set apart by a slash or a dash before a number written otherwise (`02/512.34.56`,
 * `089/1234-0`, `0662 / 12 34 56`): the mixes numbering plans really show.
 */
function hasPhoneShape(number: string): boolean {
  if (hasUniformShape(number)) return true;
  const areaCode = AREA_CODE_THEN_NUMBER.exec(number);
  if (areaCode === null) return false;
  const [, separator = '', rest = ''] = areaCode;
  const mark = separator.trim();
  // "01-01-2024" is a date however it is cut: unless spaced, the area code's mark is not the rest's.
  return (mark !== separator || !rest.includes(mark)) && hasUniformShape(rest);
}

function hasUniformShape(number: string): boolean {
  let dots = 0;
  let slashes = 0;
  let dashes = 0;
  let gaps = 0;
  for (let index = 0; index < number.length; index++) {
    const code = number.charCodeAt(index);
    if (code === 46) dots++;
    else if (code === 47) slashes++;
    else if (isDashCode(code)) dashes++;
    else if (isSpaceCode(code) || code === 40 || code === 41) gaps++;
  }
  // One kind of punctuation at most: "9.00-12.30" is a timetable, "01.23.45.67.89" a number.
  if ((dots > 0 ? 1 : 0) + (slashes > 0 ? 1 : 0) + (dashes > 0 ? 1 : 0) > 1) return false;
  if (gaps === 0) {
    // A lone dot with nothing else is a decimal (48.856614), not a number.
    if (dots === 1 && slashes + dashes === 0) return false;
    if (dots + slashes + dashes > 0 && (isIpv4(number) || DATE.test(number) || YEAR_RANGE.test(number))) return false;
  } else if (dashes > 0 && YEAR_RANGE.test(number)) {
    return false;
  }
  // Versions have one-digit parts past the first (10.0.19045.2965); dotted numbers have two or more.
  return dots < 2 || !ONE_DIGIT_PART_AFTER_A_DOT.test(number);
}

/** An IPv4 address: four dotted parts, each 0 to 255 (`944.23.56.71`, a Bilbao number, is none). */
function isIpv4(number: string): boolean {
  return IPV4.test(number) && number.split('.').every((part) => Number(part) <= 255);
}

/**
 * Where the first bracket that is never closed opens, or -1: the one that opened when none was open and was never
 * closed (a `)` with none open closes nothing).
 */
function firstUnclosedBracket(text: string): number {
  let depth = 0;
  let outermost = -1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 40 /* ( */ && depth++ === 0) outermost = index;
    else if (code === 41 /* ) */ && depth > 0) depth--;
  }
  return depth > 0 ? outermost : -1;
}

function hasBalancedBrackets(text: string): boolean {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 40 /* ( */) depth++;
    else if (code === 41 /* ) */ && --depth < 0) return false;
  }
  return depth === 0;
}

const isDigitCode = (code: number) => code >= 48 && code <= 57;
/** The characters of `SPACES` and `DASHES`. */
const isSpaceCode = (code: number) =>
  code === 32 || code === 0xa0 || code === 0x2007 || code === 0x2009 || code === 0x202f;
const isDashCode = (code: number) => code === 45 || code === 0x2010 || code === 0x2011 || code === 0x2013;
/** What a run may hold between its digits: spaces, dashes, dots, slashes, brackets. */
const isRunPunctuation = (code: number) =>
  isSpaceCode(code) || isDashCode(code) || code === 46 || code === 47 || code === 40 || code === 41;
/** What may open a run before its first digit: `+` and `(`. */
const isRunOpener = (code: number) => code === 43 || code === 40;

/** `+…`, `(+…`, `00…` or `(00…`: the number carries its country code. */
function isWrittenInternationally(number: string): boolean {
  const first = number.charCodeAt(0) === 40 /* ( */ ? 1 : 0;
  return number.charCodeAt(first) === 43 /* + */ || isDialOutZeros(number, first);
}

/** `00` then a digit other than 0 at `index`: how most of the world dials out. */
function isDialOutZeros(text: string, index: number): boolean {
  const third = text.charCodeAt(index + 2);
  return text.charCodeAt(index) === 48 && text.charCodeAt(index + 1) === 48 && third > 48 && third <= 57;
}
const isNumberStart = (code: number) => isDigitCode(code) || code === 43 /* + */ || code === 40; /* ( */
const isNumberEnd = (code: number) => isDigitCode(code) || code === 41; /* ) */

function countDigits(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) if (isDigitCode(text.charCodeAt(index))) count++;
  return count;
}

/** A dot, comma, colon, slash or hyphen at `index` and a digit after it: the run goes on as a decimal or a code. */
function continuesNumber(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  const continues = code === 46 || code === 44 || code === 58 || code === 47 || code === 45;
  return continues && isDigitCode(text.charCodeAt(index + 1));
}

/** `pattern.test(char)`, answered from a table for ASCII (nearly every character on a page). */
function charIs(char: string, table: readonly boolean[], pattern: RegExp): boolean {
  const code = char.charCodeAt(0);
  return code < 128 ? table[code] === true : pattern.test(char);
}

function asciiTable(pattern: RegExp): boolean[] {
  return Array.from({ length: 128 }, (_, code) => pattern.test(String.fromCharCode(code)));
}
