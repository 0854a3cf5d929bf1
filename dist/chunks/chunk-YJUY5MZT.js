import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  minuteTime,
  tickClock
} from "./chunk-YCJ7GVD5.js";
import {
  PROD,
  aliasHolder,
  applyCursorChanges,
  assetPromotionBlocker,
  blobIdOfFile,
  cursorScope,
  declaredSecrets,
  dependencyRef,
  headLogOf,
  isExperiment,
  mergeConfig,
  readObject,
  refAsset,
  resolveConfig,
  resolveEnv,
  runAttemptOf,
  workspaceLineage
} from "./chunk-OAUXH6FU.js";
import {
  buildGraph,
  closest,
  select
} from "./chunk-CZZZSMQQ.js";
import {
  KILN_DIR_NAME,
  UserError,
  cacheFile,
  cacheStamp,
  changesSinceBase,
  checkoutFiles,
  hashObjects,
  headCommit,
  headParents,
  ignoreKilnDir,
  ignoredFiles,
  normalizeOutputPath,
  readCacheText,
  repoRoot,
  sha256,
  writeCacheText
} from "./chunk-DQNGLDMZ.js";
import {
  __commonJS,
  __toESM
} from "./chunk-BNVABWUQ.js";

// node_modules/picomatch/lib/constants.js
var require_constants = __commonJS({
  "node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DEFAULT_MAX_EXTGLOB_RECURSION = 0;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var SEP = "/";
    var POSIX_CHARS = {
      DOT_LITERAL,
      PLUS_LITERAL,
      QMARK_LITERAL,
      SLASH_LITERAL,
      ONE_CHAR,
      QMARK,
      END_ANCHOR,
      DOTS_SLASH,
      NO_DOT,
      NO_DOTS,
      NO_DOT_SLASH,
      NO_DOTS_SLASH,
      QMARK_NO_DOT,
      STAR,
      START_ANCHOR,
      SEP
    };
    var WINDOWS_CHARS = {
      ...POSIX_CHARS,
      SLASH_LITERAL: `[${WIN_SLASH}]`,
      QMARK: WIN_NO_SLASH,
      STAR: `${WIN_NO_SLASH}*?`,
      DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
      NO_DOT: `(?!${DOT_LITERAL})`,
      NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
      NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
      START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
      END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
      SEP: "\\"
    };
    var POSIX_REGEX_SOURCE = {
      __proto__: null,
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
    };
    module.exports = {
      DEFAULT_MAX_EXTGLOB_RECURSION,
      MAX_LENGTH: 1024 * 64,
      POSIX_REGEX_SOURCE,
      // regular expressions
      REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
      REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
      REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
      REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
      REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
      REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
      // Replace globs with equivalent patterns to reduce parsing time.
      REPLACEMENTS: {
        __proto__: null,
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/picomatch/lib/utils.js
var require_utils = __commonJS({
  "node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
    exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
    exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
    exports.isWindows = () => {
      if (typeof navigator !== "undefined" && navigator.platform) {
        const platform = navigator.platform.toLowerCase();
        return platform === "win32" || platform === "windows";
      }
      if (typeof process !== "undefined" && process.platform) {
        return process.platform === "win32";
      }
      return false;
    };
    exports.removeBackslashes = (str) => {
      return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.escapeLast = (input, char, lastIdx) => {
      const idx = input.lastIndexOf(char, lastIdx);
      if (idx === -1) return input;
      if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
      return `${input.slice(0, idx)}\\${input.slice(idx)}`;
    };
    exports.removePrefix = (input, state = {}) => {
      let output = input;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input, state = {}, options = {}) => {
      const prepend = options.contains ? "" : "^";
      const append = options.contains ? "" : "$";
      let output = `${prepend}(?:${input})${append}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
    exports.basename = (path6, { windows } = {}) => {
      const segs = path6.split(windows ? /[\\/]/ : "/");
      const last = segs[segs.length - 1];
      if (last === "") {
        return segs[segs.length - 2];
      }
      return last;
    };
  }
});

// node_modules/picomatch/lib/scan.js
var require_scan = __commonJS({
  "node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants();
    var isPathSeparator = (code) => {
      return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
    };
    var depth = (token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    };
    var scan = (input, options) => {
      const opts = options || {};
      const length = input.length - 1;
      const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
      const slashes = [];
      const tokens = [];
      const parts = [];
      let str = input;
      let index = -1;
      let start = 0;
      let lastIndex = 0;
      let isBrace = false;
      let isBracket = false;
      let isGlob = false;
      let isExtglob = false;
      let isGlobstar = false;
      let braceEscaped = false;
      let backslashes = false;
      let negated = false;
      let negatedExtglob = false;
      let finished = false;
      let braces = 0;
      let prev;
      let code;
      let token = { value: "", depth: 0, isGlob: false };
      const eos = () => index >= length;
      const peek = () => str.charCodeAt(index + 1);
      const advance = () => {
        prev = code;
        return str.charCodeAt(++index);
      };
      while (index < length) {
        code = advance();
        let next;
        if (code === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          code = advance();
          if (code === CHAR_LEFT_CURLY_BRACE) {
            braceEscaped = true;
          }
          continue;
        }
        if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          while (eos() !== true && (code = advance())) {
            if (code === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (code === CHAR_LEFT_CURLY_BRACE) {
              braces++;
              continue;
            }
            if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (braceEscaped !== true && code === CHAR_COMMA) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (code === CHAR_RIGHT_CURLY_BRACE) {
              braces--;
              if (braces === 0) {
                braceEscaped = false;
                isBrace = token.isBrace = true;
                finished = true;
                break;
              }
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_FORWARD_SLASH) {
          slashes.push(index);
          tokens.push(token);
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start + 1) {
            start += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code === CHAR_PLUS || code === CHAR_AT || code === CHAR_ASTERISK || code === CHAR_QUESTION_MARK || code === CHAR_EXCLAMATION_MARK;
          if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
            isGlob = token.isGlob = true;
            isExtglob = token.isExtglob = true;
            finished = true;
            if (code === CHAR_EXCLAMATION_MARK && index === start) {
              negatedExtglob = true;
            }
            if (scanToEnd === true) {
              let parens = 0;
              while (eos() !== true && (code = advance())) {
                if (code === CHAR_BACKWARD_SLASH) {
                  backslashes = token.backslashes = true;
                  advance();
                  continue;
                }
                if (code === CHAR_LEFT_PARENTHESES) {
                  parens++;
                  continue;
                }
                if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                  finished = true;
                  break;
                }
              }
              continue;
            }
            break;
          }
        }
        if (code === CHAR_ASTERISK) {
          if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_QUESTION_MARK) {
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_LEFT_SQUARE_BRACKET) {
          while (eos() !== true && (next = advance())) {
            if (next === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              isBracket = token.isBracket = true;
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
          negated = token.negated = true;
          start++;
          continue;
        }
        if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
          isGlob = token.isGlob = true;
          if (scanToEnd === true) {
            let parens = 1;
            while (eos() !== true && (code = advance())) {
              if (code === CHAR_BACKWARD_SLASH) {
                backslashes = token.backslashes = true;
                advance();
                continue;
              }
              if (code === CHAR_LEFT_PARENTHESES) {
                parens++;
                continue;
              }
              if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                finished = true;
                break;
              }
            }
            continue;
          }
          break;
        }
        if (isGlob === true) {
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
      }
      if (opts.noext === true) {
        isExtglob = false;
        isGlob = false;
      }
      let base = str;
      let prefix = "";
      let glob = "";
      if (start > 0) {
        prefix = str.slice(0, start);
        str = str.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob) glob = utils.removeBackslashes(glob);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input,
        start,
        base,
        glob,
        isBrace,
        isBracket,
        isGlob,
        isExtglob,
        isGlobstar,
        negated,
        negatedExtglob
      };
      if (opts.tokens === true) {
        state.maxDepth = 0;
        if (!isPathSeparator(code)) {
          tokens.push(token);
        }
        state.tokens = tokens;
      }
      if (opts.parts === true || opts.tokens === true) {
        let prevIndex;
        for (let idx = 0; idx < slashes.length; idx++) {
          const n2 = prevIndex !== void 0 ? prevIndex + 1 : start;
          const i = slashes[idx];
          const value2 = input.slice(n2, i);
          if (opts.tokens) {
            if (idx === 0 && start !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value2;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (i >= start) {
            parts.push(value2);
            prevIndex = i;
          }
        }
        const n = prevIndex !== void 0 ? prevIndex + 1 : start;
        const value = input.slice(n);
        parts.push(value);
        if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
          tokens[tokens.length - 1].value = value;
          depth(tokens[tokens.length - 1]);
          state.maxDepth += tokens[tokens.length - 1].depth;
        }
        state.slashes = slashes;
        state.parts = parts;
      }
      return state;
    };
    module.exports = scan;
  }
});

// node_modules/picomatch/lib/parse.js
var require_parse = __commonJS({
  "node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants = require_constants();
    var utils = require_utils();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants;
    var expandRange = (args, options) => {
      if (typeof options.expandRange === "function") {
        return options.expandRange(...args, options);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    };
    var syntaxError = (type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    };
    var splitTopLevel = (input) => {
      const parts = [];
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let value = "";
      let escaped = false;
      for (const ch of input) {
        if (escaped === true) {
          value += ch;
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          value += ch;
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          value += ch;
          continue;
        }
        if (quote === 0) {
          if (ch === "[") {
            bracket++;
          } else if (ch === "]" && bracket > 0) {
            bracket--;
          } else if (bracket === 0) {
            if (ch === "(") {
              paren++;
            } else if (ch === ")" && paren > 0) {
              paren--;
            } else if (ch === "|" && paren === 0) {
              parts.push(value);
              value = "";
              continue;
            }
          }
        }
        value += ch;
      }
      parts.push(value);
      return parts;
    };
    var isPlainBranch = (branch) => {
      let escaped = false;
      for (const ch of branch) {
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (/[?*+@!()[\]{}]/.test(ch)) {
          return false;
        }
      }
      return true;
    };
    var normalizeSimpleBranch = (branch) => {
      let value = branch.trim();
      let changed = true;
      while (changed === true) {
        changed = false;
        if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
          value = value.slice(2, -1);
          changed = true;
        }
      }
      if (!isPlainBranch(value)) {
        return;
      }
      return value.replace(/\\(.)/g, "$1");
    };
    var hasRepeatedCharPrefixOverlap = (branches) => {
      const values = branches.map(normalizeSimpleBranch).filter(Boolean);
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const a = values[i];
          const b = values[j];
          const char = a[0];
          if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
            continue;
          }
          if (a === b || a.startsWith(b) || b.startsWith(a)) {
            return true;
          }
        }
      }
      return false;
    };
    var parseRepeatedExtglob = (pattern, requireEnd = true) => {
      if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") {
        return;
      }
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let escaped = false;
      for (let i = 1; i < pattern.length; i++) {
        const ch = pattern[i];
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          continue;
        }
        if (quote === 1) {
          continue;
        }
        if (ch === "[") {
          bracket++;
          continue;
        }
        if (ch === "]" && bracket > 0) {
          bracket--;
          continue;
        }
        if (bracket > 0) {
          continue;
        }
        if (ch === "(") {
          paren++;
          continue;
        }
        if (ch === ")") {
          paren--;
          if (paren === 0) {
            if (requireEnd === true && i !== pattern.length - 1) {
              return;
            }
            return {
              type: pattern[0],
              body: pattern.slice(2, i),
              end: i
            };
          }
        }
      }
    };
    var buildCharClassStar = (chars) => {
      const source = chars.length === 1 ? utils.escapeRegex(chars[0]) : `[${chars.map((ch) => utils.escapeRegex(ch)).join("")}]`;
      return `${source}*`;
    };
    var getStarExtglobSequenceChars = (pattern) => {
      let index = 0;
      const chars = [];
      while (index < pattern.length) {
        const match = parseRepeatedExtglob(pattern.slice(index), false);
        if (!match || match.type !== "*") {
          return;
        }
        const branches = splitTopLevel(match.body).map((branch2) => branch2.trim());
        if (branches.length !== 1) {
          return;
        }
        const branch = normalizeSimpleBranch(branches[0]);
        if (!branch || branch.length !== 1) {
          return;
        }
        chars.push(branch);
        index += match.end + 1;
      }
      if (chars.length < 1) {
        return;
      }
      return chars;
    };
    var repeatedExtglobRecursion = (pattern) => {
      let depth = 0;
      let value = pattern.trim();
      let match = parseRepeatedExtglob(value);
      while (match) {
        depth++;
        value = match.body.trim();
        match = parseRepeatedExtglob(value);
      }
      return depth;
    };
    var analyzeRepeatedExtglob = (body, options) => {
      if (options.maxExtglobRecursion === false) {
        return { risky: false };
      }
      const max = typeof options.maxExtglobRecursion === "number" ? options.maxExtglobRecursion : constants.DEFAULT_MAX_EXTGLOB_RECURSION;
      const branches = splitTopLevel(body).map((branch) => branch.trim());
      if (branches.length > 1) {
        if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) {
          return { risky: true };
        }
      }
      const safeChars = [];
      let sawStarSequence = false;
      let combinable = true;
      for (const branch of branches) {
        const chars = getStarExtglobSequenceChars(branch);
        if (chars) {
          sawStarSequence = true;
          safeChars.push(...chars);
          continue;
        }
        const literal = normalizeSimpleBranch(branch);
        if (literal && literal.length === 1) {
          safeChars.push(literal);
          continue;
        }
        combinable = false;
        if (repeatedExtglobRecursion(branch) > max) {
          return { risky: true };
        }
      }
      if (sawStarSequence) {
        return combinable ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) } : { risky: true };
      }
      return { risky: false };
    };
    var parse = (input, options) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      input = REPLACEMENTS[input] || input;
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
      const PLATFORM_CHARS = constants.globChars(opts.windows);
      const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);
      const {
        DOT_LITERAL,
        PLUS_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOT_SLASH,
        NO_DOTS_SLASH,
        QMARK,
        QMARK_NO_DOT,
        STAR,
        START_ANCHOR
      } = PLATFORM_CHARS;
      const globstar = (opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
        backtrack: false,
        negated: false,
        brackets: 0,
        braces: 0,
        parens: 0,
        quotes: 0,
        globstar: false,
        tokens
      };
      input = utils.removePrefix(input, state);
      len = input.length;
      const extglobs = [];
      const braces = [];
      const stack = [];
      let prev = bos;
      let value;
      const eos = () => state.index === len - 1;
      const peek = state.peek = (n = 1) => input[state.index + n];
      const advance = state.advance = () => input[++state.index] || "";
      const remaining = () => input.slice(state.index + 1);
      const consume = (value2 = "", num = 0) => {
        state.consumed += value2;
        state.index += num;
      };
      const append = (token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      };
      const negate = () => {
        let count = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
          advance();
          state.start++;
          count++;
        }
        if (count % 2 === 0) {
          return false;
        }
        state.negated = true;
        state.start++;
        return true;
      };
      const increment = (type) => {
        state[type]++;
        stack.push(type);
      };
      const decrement = (type) => {
        state[type]--;
        stack.pop();
      };
      const push = (tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.output = (prev.output || prev.value) + tok.value;
          prev.value += tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      };
      const extglobOpen = (type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        token.startIndex = state.index;
        token.tokensIndex = tokens.length;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      };
      const extglobClose = (token) => {
        const literal = input.slice(token.startIndex, state.index + 1);
        const body = input.slice(token.startIndex + 2, state.index);
        const analysis = analyzeRepeatedExtglob(body, opts);
        if ((token.type === "plus" || token.type === "star") && analysis.risky) {
          const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
          const open = tokens[token.tokensIndex];
          open.type = "text";
          open.value = literal;
          open.output = safeOutput || utils.escapeRegex(literal);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open.output;
          state.backtrack = true;
          push({ type: "paren", extglob: true, value, output: "" });
          decrement("parens");
          return;
        }
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse(rest, { ...options, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      };
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
        let backslashes = false;
        let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc) {
              return esc + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars.length);
          }
          if (first === "*") {
            if (esc) {
              return esc + first + (rest ? star : "");
            }
            return star;
          }
          return esc ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
            });
          }
        }
        if (output === input && opts.contains === true) {
          state.output = input;
          return state;
        }
        state.output = utils.wrapOutput(output, state, options);
        return state;
      }
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix = POSIX_REGEX_SOURCE[rest2];
                if (posix) {
                  prev.value = pre + posix;
                  state.backtrack = true;
                  advance();
                  if (!bos.output && tokens.indexOf(prev) === 1) {
                    bos.output = ONE_CHAR;
                  }
                  continue;
                }
              }
            }
          }
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open);
          push(open);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
          prev.star = true;
          prev.value += value;
          prev.output = star;
          state.backtrack = true;
          state.globstar = true;
          consume(value);
          continue;
        }
        let rest = remaining();
        if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          const isEnd = eos() || state.parens > 0 && rest === ")".repeat(state.parens) && !extglobs.some((extglob) => extglob.type === "negate");
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && isEnd) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    };
    parse.fastpaths = (input, options) => {
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      input = REPLACEMENTS[input] || input;
      const {
        DOT_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOTS,
        NO_DOTS_SLASH,
        STAR,
        START_ANCHOR
      } = constants.globChars(opts.windows);
      const nodot = opts.dot ? NO_DOTS : NO_DOT;
      const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const create = (str) => {
        switch (str) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
          }
        }
      };
      const output = utils.removePrefix(input, state);
      let source = create(output);
      if (source && opts.strictSlashes !== true) {
        source += `${SLASH_LITERAL}?`;
      }
      return source;
    };
    module.exports = parse;
  }
});

// node_modules/picomatch/lib/picomatch.js
var require_picomatch = __commonJS({
  "node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var scan = require_scan();
    var parse = require_parse();
    var utils = require_utils();
    var constants = require_constants();
    var isObject2 = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch2 = (glob, options, returnState = false) => {
      if (Array.isArray(glob)) {
        const fns = glob.map((input) => picomatch2(input, options, returnState));
        const arrayMatcher = (str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject2(glob) && glob.tokens && glob.input;
      if (glob === "" || typeof glob !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options || {};
      const posix = opts.windows;
      const regex = isState ? picomatch2.compileRe(glob, options) : picomatch2.makeRe(glob, options, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch2(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input, returnObject = false) => {
        const { isMatch, match, output } = picomatch2.test(input, regex, options, { glob, posix });
        const result = { glob, state, regex, posix, input, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result);
        }
        if (isMatch === false) {
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (isIgnored(input)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result);
          }
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result);
        }
        return returnObject ? result : true;
      };
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    };
    picomatch2.test = (input, regex, options, { glob, posix } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options || {};
      const format = opts.format || (posix ? utils.toPosixSlashes : null);
      let match = input === glob;
      let output = match && format ? format(input) : input;
      if (match === false) {
        output = format ? format(input) : input;
        match = output === glob;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch2.matchBase(input, regex, options, posix);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch2.matchBase = (input, glob, options, posix = options && options.windows) => {
      const regex = glob instanceof RegExp ? glob : picomatch2.makeRe(glob, options);
      return regex.test(utils.basename(input, { windows: posix }));
    };
    picomatch2.isMatch = (str, patterns, options) => picomatch2(patterns, options)(str);
    picomatch2.parse = (pattern, options) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch2.parse(p, options));
      return parse(pattern, { ...options, fastpaths: false });
    };
    picomatch2.scan = (input, options) => scan(input, options);
    picomatch2.compileRe = (state, options, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options || {};
      const prepend = opts.contains ? "" : "^";
      const append = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch2.toRegex(source, options);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch2.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
      if (!input || typeof input !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options.fastpaths !== false && (input[0] === "." || input[0] === "*")) {
        parsed.output = parse.fastpaths(input, options);
      }
      if (!parsed.output) {
        parsed = parse(input, options);
      }
      return picomatch2.compileRe(parsed, options, returnOutput, returnState);
    };
    picomatch2.toRegex = (source, options) => {
      try {
        const opts = options || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options && options.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch2.constants = constants;
    module.exports = picomatch2;
  }
});

// node_modules/picomatch/index.js
var require_picomatch2 = __commonJS({
  "node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    var pico = require_picomatch();
    var utils = require_utils();
    function picomatch2(glob, options, returnState = false) {
      if (options && (options.windows === null || options.windows === void 0)) {
        options = { ...options, windows: utils.isWindows() };
      }
      return pico(glob, options, returnState);
    }
    Object.assign(picomatch2, pico);
    module.exports = picomatch2;
  }
});

// src/manifest/overrides.ts
var ASSIGNMENT = /^([a-z][a-z0-9_-]*)((?:\.[^.=\s]+)+)=([\s\S]*)$/;
var EXAMPLE = "ASSET.KEY=VALUE, e.g. model.max_depth=4";
function parseAssignments(texts) {
  const assignments = [];
  const errors = [];
  for (const text of texts) {
    const match = ASSIGNMENT.exec(text.trim());
    if (!match) {
      errors.push(`"${text}" is not ${EXAMPLE}`);
      continue;
    }
    assignments.push({ asset: match[1], path: match[2].slice(1).split("."), raw: match[3] });
  }
  return { assignments, errors };
}
function splitConfigInput(text) {
  const trimmed = text.trim();
  if (!trimmed) return { texts: [], errors: [] };
  if (trimmed.startsWith("{")) {
    let parsed;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      return { texts: [], errors: [`the config input is not valid JSON: ${error.message}`] };
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
      return { texts: [], errors: ['the config input must be a JSON object such as {"model.max_depth": 4}'] };
    return {
      texts: Object.entries(parsed).map(([key, value]) => `${key}=${JSON.stringify(value)}`),
      errors: []
    };
  }
  const starts = [...trimmed.matchAll(/(?:^|\s)([a-z][a-z0-9_-]*(?:\.[^.=\s]+)+=)/g)].map(
    (m) => m.index + m[0].length - m[1].length
  );
  if (starts[0] !== 0) return { texts: [], errors: [`the config input "${trimmed}" is not ${EXAMPLE}`] };
  return {
    texts: starts.map((start, i) => trimmed.slice(start, starts[i + 1]).trim()),
    errors: []
  };
}
function jsonType(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function parseValue(raw, current) {
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = void 0;
  }
  if (typeof current === "string") return { value: typeof parsed === "string" ? parsed : raw };
  if (parsed === void 0)
    return {
      error: `${JSON.stringify(raw)} is not a JSON value (the manifest's value is ${jsonType(current)}: ${JSON.stringify(current)})`
    };
  if (current !== null && jsonType(parsed) !== jsonType(current))
    return {
      error: `${raw} is ${jsonType(parsed)}, but the manifest's value is ${jsonType(current)} (${JSON.stringify(current)})`
    };
  return { value: parsed };
}
function resolveOverrides(project, environment, assignments) {
  const errors = [];
  const byAsset = /* @__PURE__ */ new Map();
  const texts = [];
  const seen = /* @__PURE__ */ new Set();
  const assetNames = [...project.assets.keys()];
  for (const { asset: name, path: path6, raw } of assignments) {
    const key = `${name}.${path6.join(".")}`;
    const asset = project.assets.get(name);
    if (!asset) {
      const suggestion = closest(name, assetNames);
      errors.push(
        `--set ${key}: unknown asset "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`
      );
      continue;
    }
    const config = resolveConfig(project, asset, environment);
    if (Object.keys(config).length === 0) {
      errors.push(`--set ${key}: asset "${name}" has no config in the manifest, so there is nothing to set`);
      continue;
    }
    let node2 = config;
    let problem;
    for (const [i, segment] of path6.entries()) {
      if (!isObject(node2)) {
        problem = `${path6.slice(0, i).join(".")} is ${jsonType(node2)}, not an object with keys`;
        break;
      }
      if (!(segment in node2)) {
        const keys = Object.keys(node2);
        const suggestion = closest(segment, keys);
        const where = i === 0 ? `${name} has no config key` : `${path6.slice(0, i).join(".")} has no key`;
        problem = `${where} "${segment}"${suggestion ? `; did you mean "${suggestion}"?` : ""} (keys: ${keys.join(", ")})`;
        break;
      }
      node2 = node2[segment];
    }
    if (problem) {
      errors.push(`--set ${key}: ${problem}`);
      continue;
    }
    if (seen.has(key)) {
      errors.push(`--set ${key}: set twice`);
      continue;
    }
    seen.add(key);
    const parsed = parseValue(raw, node2);
    if ("error" in parsed) {
      errors.push(`--set ${key}: ${parsed.error}`);
      continue;
    }
    byAsset.set(name, [...byAsset.get(name) ?? [], { asset: name, path: path6, value: parsed.value }]);
    texts.push(`${key}=${JSON.stringify(parsed.value)}`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, overrides: { byAsset, texts } };
}
function applyOverrides(config, overrides) {
  let merged = config;
  for (const { path: path6, value } of overrides ?? []) {
    const patch = {};
    let node2 = patch;
    for (const segment of path6.slice(0, -1)) node2 = node2[segment] = {};
    node2[path6.at(-1)] = value;
    merged = mergeConfig(merged, patch);
  }
  return merged;
}
function overridesRecord(overrides) {
  return Object.fromEntries(overrides.map((o) => [o.path.join("."), o.value]));
}
function overridesFrom(project, environment, texts) {
  const { assignments, errors } = parseAssignments(texts);
  const resolved = resolveOverrides(project, environment, assignments);
  const all = [...errors, ...resolved.ok ? [] : resolved.errors];
  if (all.length > 0) return { ok: false, errors: all };
  return resolved;
}
var OVERRIDES_HINT = "set a key the asset's config already has, as ASSET.KEY=VALUE with a JSON value, e.g. --set model.max_depth=4 (see `kiln show ASSET` for its config)";

// src/version/dependency-record.ts
async function dependencyRecord(request) {
  const { ledger, asset, dep, current } = request;
  const alias = asset.depAliases[dep];
  if (alias === void 0) {
    return current ? { ok: true, record: current } : { ok: false, reason: `dependency ${dep} has never been materialized` };
  }
  const holder = aliasHolder(await ledger.aliasHistory(dep), alias);
  if (holder === null) return { ok: false, reason: `dependency ${dep} has no ${alias} yet` };
  const record = await ledger.materialization(dep, holder);
  if (!record)
    return { ok: false, reason: `dependency ${dep}@${alias} names v${holder}, which has no record` };
  return { ok: true, record, alias };
}

// src/version/lineage.ts
function placeIn(answer, sha) {
  if (!sha) return "unknown";
  if (answer.ancestors.has(sha)) return "ancestor";
  return answer.present.has(sha) && !answer.shallow ? "elsewhere" : "unknown";
}
async function historyPlace(lineage, record) {
  const sha = record.context.gitSha;
  if (!sha || !lineage.ancestry) return "unknown";
  return placeIn(await lineage.ancestry([sha]), sha);
}
async function lineageFilter(lineage, records) {
  const sameEnvironment = (r) => r.context.environment === lineage.environment;
  if (!lineage.ancestry) return sameEnvironment;
  const adopted = await adoptedOnLine(lineage);
  const commits = [
    ...new Set(records.filter(sameEnvironment).flatMap((r) => r.context.gitSha ? [r.context.gitSha] : []))
  ];
  const answer = commits.length > 0 ? await lineage.ancestry(commits) : { ancestors: /* @__PURE__ */ new Set(), present: /* @__PURE__ */ new Set(), shallow: false };
  return (record, asset) => {
    if (!sameEnvironment(record)) return false;
    if (asset !== void 0 && record.version !== void 0 && adopted.get(asset)?.has(record.version))
      return true;
    const place = placeIn(answer, record.context.gitSha);
    if (place !== "unknown") return place === "ancestor";
    return record.context.ref !== void 0 && lineage.branches.includes(record.context.ref);
  };
}
async function adoptedOnLine(lineage) {
  const all = await lineage.adoptions?.() ?? /* @__PURE__ */ new Map();
  const commits = [...new Set([...all.values()].flatMap((list) => list.map((a) => a.gitSha)))];
  const on = /* @__PURE__ */ new Map();
  if (commits.length === 0 || !lineage.ancestry) return on;
  const answer = await lineage.ancestry(commits);
  for (const [asset, list] of all)
    for (const { version, gitSha } of list)
      if (placeIn(answer, gitSha) !== "elsewhere") on.set(asset, (on.get(asset) ?? /* @__PURE__ */ new Set()).add(version));
  return on;
}
async function headsAsTakenUp(lineage, asset, heads) {
  const adoptions = (await lineage.adoptions?.())?.get(asset) ?? [];
  const taken = adoptions.flatMap((a) => {
    const head = heads.find((h) => h.version === a.version && h.context.environment === lineage.environment);
    return head ? [{ ...head, context: { ...head.context, gitSha: a.gitSha, dirty: void 0 } }] : [];
  });
  return [...heads, ...taken];
}
async function failureFilter(lineage, failures) {
  const onLineage = await lineageFilter(lineage, failures);
  const madeHere = (ref) => lineage.branches.length === 0 ? ref === void 0 : ref !== void 0 && lineage.branches.includes(ref);
  return (failure) => onLineage(failure) && madeHere(failure.context.ref) && (lineage.pullRequest === true || failure.context.event !== "pull_request");
}

// src/domain/text-limits.ts
var MAX_LINE_BYTES = 64 * 1024;
var MAX_TAIL_LINE_BYTES = 2e3;
function truncateLine(text, limit) {
  if (text.length <= limit / 3 || Buffer.byteLength(text) <= limit) return text;
  const cut = Buffer.from(text.slice(0, limit)).subarray(0, limit).toString("utf8").replace(/\uFFFD$/, "");
  return `${cut} \u2026 [line truncated at ${limit} bytes]`;
}
function exceedsBytes(text, limit) {
  return text.length > limit / 3 && Buffer.byteLength(text) > limit;
}

// src/domain/secret-mask.ts
var MASK = "***";
var MIN_SUBSTRING = 4;
var REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;
var escapeRegExp = (text) => text.replace(REGEX_SPECIAL, "\\$&");
function jsonEscaped(value) {
  const plain = JSON.stringify(value).slice(1, -1);
  const ascii = plain.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
  return [plain, ascii];
}
function secretForms(secret) {
  const values = /* @__PURE__ */ new Set([secret, secret.replace(/\r\n/g, "\n"), secret.trim()]);
  for (const line of secret.split(/\r?\n/)) values.add(line.trim());
  const forms = /* @__PURE__ */ new Set();
  for (const value of values) {
    if (value.length < MIN_SUBSTRING) continue;
    forms.add(value);
    for (const escaped of jsonEscaped(value)) forms.add(escaped);
  }
  return [...forms];
}
var SecretMasker = class {
  /** Every form masked as a substring, longest first (so the whole key wins over one of its lines). */
  forms;
  pattern;
  constructor(secrets) {
    const forms = /* @__PURE__ */ new Set();
    const short = /* @__PURE__ */ new Set();
    for (const secret of secrets) {
      if (secret.trim().length === 0) continue;
      if (secret.trim().length < MIN_SUBSTRING && !secret.includes("\n")) short.add(secret.trim());
      else for (const form of secretForms(secret)) forms.add(form);
    }
    this.forms = [...forms].sort((a, b) => b.length - a.length);
    const alternatives = this.forms.map(escapeRegExp);
    if (short.size > 0) {
      const tokens = [...short].sort((a, b) => b.length - a.length).map(escapeRegExp);
      alternatives.push(`(?<![\\p{L}\\p{N}_])(?:${tokens.join("|")})(?![\\p{L}\\p{N}_])`);
    }
    this.pattern = alternatives.length > 0 ? new RegExp(alternatives.join("|"), "gu") : void 0;
  }
  mask(text) {
    return this.pattern ? text.replace(this.pattern, MASK) : text;
  }
  /** Masks the keys and string values of a JSON-like value (metric names, messages, log lines). */
  maskDeep(value) {
    if (!this.pattern) return value;
    const walk2 = (v) => {
      if (typeof v === "string") return this.mask(v);
      if (Array.isArray(v)) return v.map(walk2);
      if (v !== null && typeof v === "object")
        return Object.fromEntries(Object.entries(v).map(([k, inner]) => [this.mask(k), walk2(inner)]));
      return v;
    };
    return walk2(value);
  }
  /**
   * The forms a masking log service (the Actions runner's `::add-mask::`) must be told about: it
   * masks line by line, so a multi-line value is registered line by line, with its escaped forms.
   */
  registrations() {
    return this.forms.filter((form) => !form.includes("\n"));
  }
};
var OutputMasker = class {
  constructor(masker, emit) {
    this.masker = masker;
    this.emit = emit;
  }
  masker;
  emit;
  pending = /* @__PURE__ */ new Map();
  /** Streams whose current line passed MAX_LINE_BYTES: the rest of it is dropped. */
  dropping = /* @__PURE__ */ new Set();
  /**
   * Splits `chunk` into lines, appending to the stream's partial line. A line longer than
   * MAX_LINE_BYTES is emitted cut, with a note, as soon as it passes the limit, and the rest of it
   * is dropped: memory stays bounded and each chunk is scanned once, not the whole partial line.
   */
  write(stream, chunk) {
    let start = 0;
    for (; ; ) {
      const newline = chunk.indexOf("\n", start);
      let partial = this.pending.get(stream) ?? "";
      if (!this.dropping.has(stream)) {
        partial += chunk.slice(start, newline === -1 ? void 0 : newline);
        if (exceedsBytes(partial, MAX_LINE_BYTES)) {
          this.pending.set(stream, "");
          this.emit(truncateLine(this.joinAcross(stream, partial), MAX_LINE_BYTES));
          this.dropping.add(stream);
          partial = "";
        }
      }
      if (newline === -1) {
        this.pending.set(stream, partial);
        return;
      }
      this.pending.set(stream, "");
      if (!this.dropping.delete(stream)) this.emit(this.joinAcross(stream, partial.replace(/\r$/, "")));
      start = newline + 1;
    }
  }
  /** Emits what every stream still holds (the step ended without a final newline). */
  end() {
    for (const [stream, text] of this.pending)
      if (text) this.emit(this.joinAcross(stream, text.replace(/\r$/, "")));
    this.pending.clear();
    this.dropping.clear();
  }
  /**
   * Masks a line of one stream together with another stream's partial line before it: when a
   * secret starts at the end of the other stream's pending text and ends at the start of this
   * line, both halves become the mask.
   */
  joinAcross(stream, line) {
    for (const [other, partial] of this.pending) {
      if (other === stream || partial === "") continue;
      const joined = this.masker.mask(partial + line);
      if (joined === this.masker.mask(partial) + this.masker.mask(line)) continue;
      const cut = this.splitPoint(partial, line);
      if (cut === void 0) continue;
      this.pending.set(other, `${partial.slice(0, cut.start)}${MASK}`);
      return this.masker.mask(`${MASK}${line.slice(cut.end)}`);
    }
    return this.masker.mask(line);
  }
  /** Where the form spanning `partial|line` starts in `partial` and ends in `line`. */
  splitPoint(partial, line) {
    const joined = partial + line;
    for (const form of this.masker.forms) {
      let at = joined.indexOf(form, Math.max(0, partial.length - form.length + 1));
      while (at !== -1 && at < partial.length) {
        if (at + form.length > partial.length) return { start: at, end: at + form.length - partial.length };
        at = joined.indexOf(form, at + 1);
      }
    }
    return void 0;
  }
};

// src/run/step-environment.ts
var ACTIONS_NAMES = /* @__PURE__ */ new Set([
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "HOSTNAME",
  "LANG",
  "LANGUAGE",
  "TZ",
  "TERM",
  "TMPDIR",
  "TMP",
  "TEMP",
  "CI",
  // Toolchains set by the runner image or `setup` steps (actions/setup-python, conda, CUDA images).
  "pythonLocation",
  "PYTHONPATH",
  "PYTHONUNBUFFERED",
  "PYTHONHASHSEED",
  "VIRTUAL_ENV",
  "LD_LIBRARY_PATH",
  "PKG_CONFIG_PATH",
  "ImageOS",
  "ImageVersion",
  "AGENT_TOOLSDIRECTORY",
  "DEBIAN_FRONTEND"
]);
var ACTIONS_PATTERN = /^(LC_\w+|RUNNER_\w+|GITHUB_\w+|XDG_\w+|CONDA\w*|MAMBA\w*|CUDA_\w+|NVIDIA_\w+|PIP_\w+|UV_\w+|OMP_\w+|MKL_\w+|\w+_HOME|\w+_ROOT(_DIR)?)$/;
var ACTIONS_DENIED = /* @__PURE__ */ new Set([
  "GITHUB_TOKEN",
  "GITHUB_OUTPUT",
  "GITHUB_ENV",
  "GITHUB_PATH",
  "GITHUB_STATE",
  "GITHUB_STEP_SUMMARY",
  "GITHUB_ACTION_PATH"
]);
var CREDENTIAL_NAME = /TOKEN|SECRET|PASSW|CREDENTIAL|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|AUTH|WEBHOOK/i;
var KILN_CREDENTIALS = /* @__PURE__ */ new Set(["KILN_SLACK_WEBHOOK"]);
function isKilnCredential(name) {
  return KILN_CREDENTIALS.has(name) || name === "GITHUB_TOKEN" || name === "GH_TOKEN" || /^(INPUT_|ACTIONS_)/.test(name) && CREDENTIAL_NAME.test(name);
}
function knownSecretsMasker(base, secretSources) {
  const secrets = [];
  for (const [name, value] of Object.entries(base))
    if (value && (secretSources.has(name) || isKilnCredential(name))) secrets.push(value);
  return new SecretMasker(secrets);
}
function inGitHubActions(env) {
  return env.GITHUB_ACTIONS === "true";
}
function passesToStep(name, inActions) {
  if (KILN_CREDENTIALS.has(name)) return false;
  if (!inActions) return true;
  if (ACTIONS_DENIED.has(name) || CREDENTIAL_NAME.test(name)) return false;
  return ACTIONS_NAMES.has(name) || ACTIONS_PATTERN.test(name);
}
function stepBaseEnvironment(base, secretSources) {
  return filtered(base, secretSources, passesToStep);
}
function filtered(base, secretSources, passes) {
  const inActions = inGitHubActions(base);
  const env = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === void 0 || secretSources.has(name)) continue;
    if (passes(name, inActions)) env[name] = value;
  }
  return env;
}
function observeEnvironment(base, secretSources) {
  return filtered(base, secretSources, passesToObserve);
}
function passesToObserve(name, inActions) {
  if (KILN_CREDENTIALS.has(name)) return false;
  return !inActions || !(ACTIONS_DENIED.has(name) || /^(INPUT_|ACTIONS_)/.test(name));
}

// src/version/sources.ts
import { spawn } from "node:child_process";
var ObserveError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ObserveError";
  }
};
var OBSERVE_TIMEOUT_MS = 12e4;
function observeSource(source, root, env, secretSources) {
  const command = source.observe;
  const masker = knownSecretsMasker(env, secretSources);
  const failed = (message) => new ObserveError(masker.mask(message));
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", command], {
      cwd: root,
      env: observeEnvironment(env, secretSources),
      stdio: ["ignore", "pipe", "pipe"]
    });
    const out = [];
    const err = [];
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => err.push(c));
    const timer = setTimeout(() => child.kill("SIGKILL"), OBSERVE_TIMEOUT_MS);
    child.on(
      "error",
      (error) => reject(failed(`source "${source.name}": cannot run \`${command}\`: ${error.message}`))
    );
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const stderr = masker.mask(Buffer.concat(err).toString("utf8")).trim().split("\n").slice(-5).join("\n  ");
      if (code !== 0) {
        const why = signal ? `was killed (${signal})` : `exited with code ${code}`;
        reject(failed(`source "${source.name}": \`${command}\` ${why}${stderr ? `:
  ${stderr}` : ""}`));
        return;
      }
      const version = Buffer.concat(out).toString("utf8").trim();
      if (!version) {
        reject(
          failed(
            `source "${source.name}": \`${command}\` printed nothing; it must print the source's current version`
          )
        );
        return;
      }
      resolve({ version, shown: masker.mask(version) });
    });
  });
}

// src/version/status.ts
import path4 from "node:path";

// src/version/fingerprint.ts
var import_picomatch = __toESM(require_picomatch2(), 1);
import { readdir } from "node:fs/promises";
import path2 from "node:path";

// src/domain/turn-batch.ts
function turnBatch(answer) {
  let batch;
  return (item) => {
    if (!batch) {
      const items = [];
      const done = new Promise(
        (resolve, reject) => setImmediate(() => {
          batch = void 0;
          answer(items).then(resolve, reject);
        })
      );
      batch = { items, done };
    }
    return { at: batch.items.push(item) - 1, done: batch.done };
  };
}

// src/version/ignored-files.ts
function ignoredFilesOf(top, prefix, skipped) {
  const answers = /* @__PURE__ */ new Map();
  const asked = /* @__PURE__ */ new Map();
  const found = /* @__PURE__ */ new Set();
  const strip = prefix ? `${prefix}/` : "";
  const ask = turnBatch(
    (folders) => ignoredFiles(
      top,
      folders.map((f) => f === "" ? prefix : `${strip}${f}`)
    )
  );
  return {
    under(folder) {
      let pending = asked.get(folder);
      if (!pending) {
        pending = ask(folder).done.then((all) => {
          const inside = folder === "" ? "" : `${folder}/`;
          const files = all.filter((file) => file.startsWith(strip)).map((file) => file.slice(strip.length)).filter((file) => (file === folder || file.startsWith(inside)) && !skipped(file)).sort();
          answers.set(folder, files);
          for (const file of files) found.add(file);
          return files;
        });
        asked.set(folder, pending);
      }
      return pending;
    },
    known: (folder) => answers.get(folder),
    includes: (file) => found.has(file),
    get found() {
      return found.size;
    },
    answered: () => answers
  };
}

// src/version/working-file.ts
import { existsSync } from "node:fs";
import { lstat, readlink, stat } from "node:fs/promises";
import path from "node:path";
function workingFiles(root, git) {
  const hashed = /* @__PURE__ */ new Map();
  const committedBlob = git ? gitBlobs(git.top, git.prefix) : void 0;
  return {
    blobOf(file) {
      let pending = hashed.get(file);
      if (!pending) {
        pending = workingBlobId(root, file, committedBlob);
        hashed.set(file, pending);
      }
      return pending;
    }
  };
}
function gitBlobs(top, prefix) {
  const strip = prefix ? `${prefix}/` : "";
  const ask = turnBatch(
    (files) => hashObjects(
      top,
      files.map((f) => `${strip}${f}`)
    )
  );
  return (file) => {
    const { at, done } = ask(file);
    return done.then((ids) => ids[at]);
  };
}
async function workingBlobId(root, file, committedBlob) {
  const full = path.join(root, file);
  try {
    const entry = await lstat(full);
    if (entry.isSymbolicLink()) {
      const target = await stat(full).catch((error) => danglingLink(full, file, error));
      if (target.isDirectory())
        throw new UserError(
          `${file} is a symbolic link to a folder (${await readlink(full)}), and a \`code\` or \`inputs\` pattern matches it`,
          "a version is a list of files: link the files themselves, or give the folder's files a pattern of their own (Kiln does not follow links to folders)"
        );
      return await blobIdOfFile(full);
    }
    if (entry.isDirectory()) return await repositoryCommit(full, file);
    return committedBlob ? await committedBlob(file) : await blobIdOfFile(full);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `cannot read ${file}, which a \`code\` or \`inputs\` pattern matches: ${error.message}`,
      "make it readable, or narrow the pattern so that it does not match it"
    );
  }
}
async function danglingLink(full, file, error) {
  if (error.code !== "ENOENT") throw error;
  const target = await readlink(full).catch(() => "?");
  throw new UserError(
    `${file} is a symbolic link to ${target}, which does not exist, and a \`code\` or \`inputs\` pattern matches it`,
    "fix or remove the link, or narrow the pattern so that it does not match"
  );
}
async function repositoryCommit(full, file) {
  const commit = existsSync(path.join(full, ".git")) ? await headCommit(full) : void 0;
  if (commit === void 0)
    throw new UserError(
      `${file} is a folder with no commit checked out, and a \`code\` or \`inputs\` pattern matches it`,
      "check out the submodule (`git submodule update --init`), or narrow the pattern"
    );
  return commit;
}

// src/version/fingerprint.ts
var SKIPPED_DIRECTORIES = /* @__PURE__ */ new Set([".git", "node_modules", KILN_DIR_NAME]);
var inSkippedDirectory = (file) => file.split("/").some((part) => SKIPPED_DIRECTORIES.has(part));
var isKilnState = (file) => file.startsWith(`${KILN_DIR_NAME}/`) || file.includes(`/${KILN_DIR_NAME}/`);
async function walk(root) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = [];
  for (const entry of entries) {
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    const relative = path2.relative(root, path2.join(entry.parentPath, entry.name)).split(path2.sep).join("/");
    if (inSkippedDirectory(relative)) continue;
    files.push(relative);
  }
  return files.sort();
}
async function projectFiles(projectRoot, known) {
  const gitRoot = known?.gitRoot === void 0 ? await repoRoot(projectRoot) : known.gitRoot ?? void 0;
  const working = workingFiles(
    projectRoot,
    gitRoot ? { top: gitRoot, prefix: projectPrefix(gitRoot, projectRoot) } : void 0
  );
  const hash = working.blobOf;
  if (!gitRoot) {
    const files2 = await walk(projectRoot);
    const index2 = {
      files: files2,
      blobOf: hash,
      committedBlobAt: () => void 0,
      fromGit: false,
      anyUncommitted: false,
      anyHashed: files2.length > 0,
      hashed: () => true,
      uncommitted: () => false
    };
    return { working, index: () => index2 };
  }
  const files = await known?.files ?? await checkoutFiles(gitRoot);
  const ignored = ignoredFilesOf(
    gitRoot,
    projectPrefix(gitRoot, projectRoot),
    (file) => isKilnState(file) || inSkippedDirectory(file)
  );
  let index;
  return {
    git: { files, top: gitRoot },
    working,
    ignored,
    index: () => {
      index ??= gitIndex(projectRoot, gitRoot, files, hash, ignored);
      return index;
    }
  };
}
function gitIndex(projectRoot, gitRoot, git, hash, ignored) {
  const { entries, changes: status } = git;
  const prefix = projectPrefix(gitRoot, projectRoot);
  const strip = prefix ? `${prefix}/` : "";
  let files = [];
  let committed = [];
  const { paths, blobs, symlinks } = entries;
  const anyChanged = status.deleted.size > 0 || status.changed.size > 0;
  const links = /* @__PURE__ */ new Set();
  for (let i = 0; i < paths.length; i++) {
    const file = paths[i];
    if (strip && !file.startsWith(strip)) continue;
    if (anyChanged && status.deleted.has(file)) continue;
    const relative = strip ? file.slice(strip.length) : file;
    if (isKilnState(relative)) continue;
    files.push(relative);
    const changed = anyChanged && status.changed.has(file);
    const link = symlinks.size > 0 && symlinks.has(file);
    if (link && !changed) links.add(relative);
    committed.push(changed || link ? void 0 : blobs[i]);
  }
  for (const file of status.untracked) {
    const relative = file.slice(strip.length);
    if (file.startsWith(strip) && !isKilnState(relative)) {
      files.push(relative);
      committed.push(void 0);
    }
  }
  if (!isSorted(files)) {
    const order = files.map((_, i) => i).sort((a, b) => files[a] < files[b] ? -1 : files[a] > files[b] ? 1 : 0);
    files = order.map((i) => files[i]);
    committed = order.map((i) => committed[i]);
  }
  const cleanCount = committed.reduce((n, blob) => blob === void 0 ? n : n + 1, 0);
  let byName;
  const clean = () => {
    if (!byName) {
      byName = /* @__PURE__ */ new Map();
      for (let i = 0; i < files.length; i++)
        if (committed[i] !== void 0) byName.set(files[i], committed[i]);
    }
    return byName;
  };
  return {
    files,
    blobOf: (file) => {
      const blob = clean().get(file);
      return blob ? Promise.resolve(blob) : hash(file);
    },
    committedBlobAt: (i) => committed[i],
    fromGit: true,
    anyUncommitted: cleanCount + links.size < files.length,
    // A getter: ignored files are found as patterns ask for them.
    get anyHashed() {
      return cleanCount < files.length || ignored.found > 0;
    },
    hashed: (file) => !clean().has(file),
    // `git status` lists staged changes too, so a file that is clean here matches HEAD. A link's
    // target and an ignored file are versioned by content but are no change to the commit.
    uncommitted: (file) => !clean().has(file) && !links.has(file) && !ignored.includes(file),
    ignored
  };
}
function projectPrefix(gitRoot, projectRoot) {
  return path2.relative(gitRoot, projectRoot).split(path2.sep).join("/");
}
function isSorted(files) {
  for (let i = 1; i < files.length; i++) if (files[i - 1] > files[i]) return false;
  return true;
}
function lowerBound(files, prefix) {
  let lo = 0;
  let hi = files.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    if (files[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
var compiledPatterns = /* @__PURE__ */ new Map();
var globMatchers = /* @__PURE__ */ new Map();
function globMatcher(glob) {
  let matcher = globMatchers.get(glob);
  if (!matcher) {
    const regex = import_picomatch.default.makeRe(glob, { dot: true });
    matcher = (path6) => path6 !== "" && (path6 === glob || regex.test(path6));
    globMatchers.set(glob, matcher);
  }
  return matcher;
}
var RARE_GLOB_CHARACTERS = /[?[\]{}()!+@\\]/;
function compilePattern(pattern) {
  let compiled = compiledPatterns.get(pattern);
  if (compiled) return compiled;
  const normalized = pattern.replace(/^\.\//, "").replace(/\/+$/, "");
  compiled = RARE_GLOB_CHARACTERS.test(normalized) ? scanPattern(normalized) : simplePattern(normalized);
  compiledPatterns.set(pattern, compiled);
  return compiled;
}
function simplePattern(normalized) {
  const star = normalized.indexOf("*");
  if (star < 0) return { normalized, base: normalized };
  const slash = normalized.lastIndexOf("/", star);
  if (slash <= 0) return { normalized, base: "", test: globMatcher(normalized) };
  return { normalized, base: normalized.slice(0, slash), test: globMatcher(normalized.slice(slash + 1)) };
}
function scanPattern(normalized) {
  let compiled;
  const scan = import_picomatch.default.scan(normalized);
  if (!scan.isGlob) compiled = { normalized, base: normalized };
  else if (scan.base && !scan.negated && normalized === `${scan.base}/${scan.glob}`)
    compiled = { normalized, base: scan.base, test: globMatcher(scan.glob) };
  else compiled = { normalized, base: "", test: globMatcher(normalized) };
  return compiled;
}
function matchPositions(files, pattern, exclude) {
  const { normalized, base, test } = compilePattern(pattern);
  const found = [];
  if (!test) {
    const exact = lowerBound(files, normalized);
    if (files[exact] === normalized) {
      if (!exclude?.(normalized)) found.push(exact);
      return found;
    }
  }
  const prefix = base ? `${base}/` : "";
  const skip = prefix.length;
  for (let i = lowerBound(files, prefix); i < files.length; i++) {
    const file = files[i];
    if (!file.startsWith(prefix)) break;
    if (test && !test(skip ? file.slice(skip) : file)) continue;
    if (exclude?.(file)) continue;
    found.push(i);
  }
  return found;
}
function matchPattern(files, pattern, exclude) {
  return matchPositions(files, pattern, exclude).map((i) => files[i]);
}
function outputFilter(outputs) {
  const declared = /* @__PURE__ */ new Set();
  for (const output of outputs) declared.add(normalizeOutputPath(output));
  if (declared.size === 0) return () => false;
  return (file) => {
    if (declared.has(file)) return true;
    for (let slash = file.indexOf("/"); slash >= 0; slash = file.indexOf("/", slash + 1))
      if (declared.has(file.slice(0, slash))) return true;
    return false;
  };
}
function matchAll(index, patterns, exclude) {
  const unmatched = [];
  if (patterns.length === 1) {
    const positions = matchPositions(index.files, patterns[0], exclude);
    if (positions.length === 0) unmatched.push(patterns[0]);
    return { positions, unmatched };
  }
  const matched = /* @__PURE__ */ new Set();
  for (const pattern of patterns) {
    const found = matchPositions(index.files, pattern, exclude);
    if (found.length === 0) unmatched.push(pattern);
    for (const position of found) matched.add(position);
  }
  return { positions: [...matched].sort((a, b) => a - b), unmatched };
}
async function fingerprint(index, patterns, options = {}) {
  const { positions, unmatched: unlisted } = matchAll(index, patterns, options.exclude);
  const { ignored, unmatched } = unlisted.length > 0 && index.ignored ? ignoredMatches(
    unlisted,
    await Promise.all(unlisted.map((pattern) => index.ignored.under(ignoredFolder(pattern)))),
    options.exclude
  ) : { ignored: [], unmatched: unlisted };
  const files = /* @__PURE__ */ Object.create(null);
  const hashing = [];
  for (const position of positions) {
    const file = index.files[position];
    const blob = index.committedBlobAt(position);
    files[file] = blob ?? "";
    if (blob === void 0)
      hashing.push(
        index.blobOf(file).then((hashed) => {
          files[file] = hashed;
        })
      );
  }
  for (const file of ignored)
    hashing.push(
      index.blobOf(file).then((hashed) => {
        files[file] = hashed;
      })
    );
  if (hashing.length > 0) await Promise.all(hashing);
  return { files, unmatched };
}
function ignoredMatches(patterns, ignored, exclude) {
  const found = /* @__PURE__ */ new Set();
  const unmatched = [];
  patterns.forEach((pattern, i) => {
    const matches = matchPattern(ignored[i], pattern, exclude);
    if (matches.length === 0) unmatched.push(pattern);
    for (const file of matches) found.add(file);
  });
  return { ignored: [...found].sort(), unmatched };
}
var ignoredFolder = (pattern) => compilePattern(pattern).base;
var unmatchedWarning = (asset, pattern) => `asset ${asset}: pattern ${JSON.stringify(pattern)} matches no file`;
var UNMATCHED_HINT = "no tracked, untracked or gitignored file matches it, so no change there makes anything stale: fix the pattern, or remove it";
async function unmatchedPatterns(index, patterns, options = {}) {
  const { unmatched: unlisted } = matchAll(index, patterns, options.exclude);
  if (unlisted.length === 0 || !index.ignored) return unlisted;
  const ignored = await Promise.all(unlisted.map((pattern) => index.ignored.under(ignoredFolder(pattern))));
  return ignoredMatches(unlisted, ignored, options.exclude).unmatched;
}
function fingerprintKnown(index, patterns, hashed, options = {}) {
  const { positions, unmatched: unlisted } = matchAll(index, patterns, options.exclude);
  const { ignored, unmatched } = unlisted.length > 0 && index.ignored ? ignoredMatches(
    unlisted,
    unlisted.map((pattern) => {
      const known = index.ignored.known(ignoredFolder(pattern));
      if (!known) throw new Error(`bug: the ignored files for "${pattern}" were not asked`);
      return known;
    }),
    options.exclude
  ) : { ignored: [], unmatched: unlisted };
  const files = /* @__PURE__ */ Object.create(null);
  const take = (file, blob) => {
    if (blob === void 0) throw new Error(`bug: no blob id known for the uncommitted file ${file}`);
    files[file] = blob;
  };
  for (const position of positions) {
    const file = index.files[position];
    take(file, index.committedBlobAt(position) ?? hashed(file));
  }
  for (const file of ignored) take(file, hashed(file));
  return { files, unmatched };
}

// src/version/flatten.ts
function flatten(value, prefix = "", into = {}) {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into[prefix] = JSON.stringify(value);
  }
  return into;
}

// src/version/versions.ts
function canonicalJson(value) {
  if (isCanonical(value)) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const object = value;
  const keys = Object.keys(object);
  if (!inOrder(keys)) keys.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  let text = "{";
  for (const key of keys) {
    const member = object[key];
    if (member === void 0) continue;
    if (text.length > 1) text += ",";
    text += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${text}}`;
}
function isCanonical(value) {
  if (value === null) return true;
  const type = typeof value;
  if (type === "string" || type === "boolean" || type === "number" && Number.isFinite(value)) return true;
  if (type !== "object") return false;
  if (Array.isArray(value)) {
    for (const member of value) if (member === void 0 || !isCanonical(member)) return false;
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const object = value;
  const keys = Object.keys(object);
  if (!inOrder(keys)) return false;
  for (const key of keys) {
    const member = object[key];
    if (member === void 0 || !isCanonical(member)) return false;
  }
  return true;
}
function inOrder(keys) {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}
function codeVersion(input) {
  if (input.declared !== void 0) return `declared:${input.declared}`;
  return sha256(canonicalJson({ kind: "kiln-code-version", run: input.runHash, code: input.code }));
}
function logicalVersion(provenance) {
  return sha256(
    canonicalJson({
      kind: "kiln-logical-version",
      codeVersion: provenance.codeVersion,
      config: provenance.config,
      env: provenance.env,
      inputs: provenance.inputs,
      deps: provenance.deps,
      // Absent (and so not hashed) without overrides: versions recorded before keep their hash.
      overrides: provenance.overrides,
      // Absent for an asset without outputs, so its versions recorded before keep their hash.
      outputs: provenance.outputs
    })
  );
}
function dataVersion(outputs) {
  return sha256(
    canonicalJson({
      kind: "kiln-data-version",
      outputs: Object.fromEntries(Object.entries(outputs).map(([p, o]) => [p, o.blob]))
    })
  );
}
function sourceDataVersion(observed, inputs) {
  return sha256(canonicalJson({ kind: "kiln-source-version", observed, inputs }));
}

// src/version/versions-memo.ts
import path3 from "node:path";
var FORMAT = 2;
var VersionsMemo = class _VersionsMemo {
  constructor(file, kilnDir, key, indexDigest, files, found, hashed) {
    this.file = file;
    this.kilnDir = kilnDir;
    this.key = key;
    this.indexDigest = indexDigest;
    this.files = files;
    this.found = found;
    this.changed = found === void 0;
    if (found) {
      for (const [name, entry] of found) this.entries.set(name, entry);
      for (const [file2, blob] of Object.entries(hashed)) this.hashedFiles.set(file2, blob);
    }
  }
  file;
  kilnDir;
  key;
  indexDigest;
  files;
  found;
  entries = /* @__PURE__ */ new Map();
  hashedFiles = /* @__PURE__ */ new Map();
  changed;
  /**
   * The memo of a project's versions in `environment`; undefined where none can be kept or
   * trusted (outside git, where the key would have to hash every file; the manifest's text
   * unknown).
   */
  static async open(options) {
    const { files, sourceHash } = options;
    if (!files.git || sourceHash === void 0) return void 0;
    const kilnDir = path3.join(options.root, KILN_DIR_NAME);
    const file = cacheFile(kilnDir, `versions-${encodeURIComponent(options.projectName)}.json`);
    const key = sha256(
      JSON.stringify([
        options.root,
        options.manifestPath,
        files.git.top,
        sourceHash,
        options.environment,
        files.git.files.indexDigest,
        files.git.files.statusDigest
      ])
    );
    const indexDigest = files.git.files.indexDigest;
    const stored = readStored(file, key);
    const entries = stored ? entriesOf(stored.assets) : void 0;
    const found = entries && await sameContent(files, stored.hashed) && await sameIgnored(files, stored.ignored) ? entries : void 0;
    if (!found) await files.git.files.loadEntries();
    return new _VersionsMemo(file, kilnDir, key, indexDigest, files, found, found ? stored.hashed : {});
  }
  /** The blob id of an uncommitted file a pattern matched, as verified when the memo was read. */
  hashed(file) {
    return this.hashedFiles.get(file);
  }
  /** Notes an uncommitted file's blob id that a fingerprint took (a memo not found). */
  noteHashed(file, blob) {
    if (this.hashedFiles.get(file) === blob) return;
    this.hashedFiles.set(file, blob);
    this.changed = true;
  }
  set(asset, entry) {
    this.entries.set(asset, entry);
    this.changed = true;
  }
  /** Writes the memo for the next command when this one learned something. */
  save() {
    if (!this.changed) return;
    this.changed = false;
    if (this.files.git?.files.indexDigest !== this.indexDigest) return;
    const assets = {};
    for (const [name, e] of this.entries)
      assets[name] = [e.codeVersion, e.dirty ? 1 : 0, e.unmatched, e.deps ?? null, e.logicalVersion ?? null];
    const stored = {
      stamp: cacheStamp(FORMAT),
      key: this.key,
      hashed: Object.fromEntries(this.hashedFiles),
      ignored: Object.fromEntries(this.files.ignored?.answered() ?? []),
      assets
    };
    writeCacheText(this.kilnDir, this.file, JSON.stringify(stored));
  }
};
function readStored(file, key) {
  const text = readCacheText(file);
  if (text === void 0) return void 0;
  let stored;
  try {
    stored = JSON.parse(text);
  } catch {
    return void 0;
  }
  if (typeof stored !== "object" || stored === null || stored.stamp !== cacheStamp(FORMAT) || stored.key !== key || typeof stored.hashed !== "object" || stored.hashed === null || typeof stored.ignored !== "object" || stored.ignored === null || typeof stored.assets !== "object" || stored.assets === null)
    return void 0;
  return stored;
}
async function sameContent(files, hashed) {
  const checks = Object.entries(hashed).map(
    ([file, blob]) => files.working.blobOf(file).then(
      (now) => now === blob,
      () => false
    )
  );
  return (await Promise.all(checks)).every(Boolean);
}
async function sameIgnored(files, ignored) {
  const folders = Object.keys(ignored);
  if (folders.length === 0) return true;
  if (!files.ignored) return false;
  const now = await Promise.all(folders.map((folder) => files.ignored.under(folder)));
  return folders.every((folder, i) => JSON.stringify(now[i]) === JSON.stringify(ignored[folder]));
}
function entriesOf(assets) {
  const entries = /* @__PURE__ */ new Map();
  for (const [name, stored] of Object.entries(assets)) {
    if (!Array.isArray(stored) || stored.length !== 5) return void 0;
    const [codeVersion2, dirty, unmatched, deps, lv] = stored;
    if (typeof codeVersion2 !== "string" || !Array.isArray(unmatched)) return void 0;
    entries.set(name, {
      codeVersion: codeVersion2,
      dirty: dirty === 1,
      unmatched,
      deps: deps ?? void 0,
      logicalVersion: lv ?? void 0
    });
  }
  return entries;
}

// src/version/status.ts
function diffMaps(before, after) {
  const changed = [];
  const added = [];
  const removed = [];
  for (const [key, value] of Object.entries(after)) {
    if (!(key in before)) added.push(key);
    else if (before[key] !== value) changed.push(key);
  }
  for (const key of Object.keys(before)) if (!(key in after)) removed.push(key);
  return { changed, added, removed };
}
function staleCauses(before, after) {
  const causes = [];
  if (after.overrides) {
    const set = Object.entries(after.overrides).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    causes.push({
      kind: "config-set-at-run-time",
      text: `experiment: config set for this run (${set.join(", ")})`
    });
  }
  if (before.codeVersion !== after.codeVersion) {
    if (before.codeVersion.startsWith("declared:") || after.codeVersion.startsWith("declared:")) {
      const show = (v) => v.startsWith("declared:") ? v.slice("declared:".length) : "from files";
      causes.push({
        kind: "code-version-changed",
        text: `code version changed (${show(before.codeVersion)} \u2192 ${show(after.codeVersion)})`
      });
    } else {
      const code = diffMaps(before.code, after.code);
      for (const file of [...code.changed, ...code.added, ...code.removed])
        causes.push({ kind: "code-changed", text: `code changed (${file})` });
      if (before.runHash !== after.runHash) causes.push({ kind: "run-changed", text: "run command changed" });
    }
  }
  const beforeConfig = flatten(before.config);
  const afterConfig = flatten(after.config);
  const config = diffMaps(beforeConfig, afterConfig);
  for (const key of config.changed)
    causes.push({
      kind: "config-changed",
      text: `config changed (${key} ${beforeConfig[key]} \u2192 ${afterConfig[key]})`
    });
  for (const key of config.added)
    causes.push({ kind: "config-changed", text: `config changed (${key} added: ${afterConfig[key]})` });
  for (const key of config.removed)
    causes.push({ kind: "config-changed", text: `config changed (${key} removed)` });
  const env = diffMaps(before.env, after.env);
  for (const name of [...env.changed, ...env.added, ...env.removed])
    causes.push({ kind: "env-changed", text: `env changed (${name})` });
  const inputs = diffMaps(before.inputs, after.inputs);
  for (const file of inputs.changed) causes.push({ kind: "input-changed", text: `input changed (${file})` });
  for (const file of inputs.added) causes.push({ kind: "input-added", text: `input added (${file})` });
  for (const file of inputs.removed) causes.push({ kind: "input-removed", text: `input removed (${file})` });
  for (const [dep, version] of Object.entries(after.deps)) {
    if (!(dep in before.deps)) causes.push({ kind: "dependency-added", text: `dependency added: ${dep}` });
    else if (version !== void 0 && before.deps[dep] !== version) {
      causes.push({ kind: "dependency-updated", text: `dependency ${dep} has a new data version` });
    }
  }
  for (const dep of Object.keys(before.deps))
    if (!(dep in after.deps)) causes.push({ kind: "dependency-removed", text: `dependency removed: ${dep}` });
  const beforeOutputs = new Set(before.outputs ?? []);
  const afterOutputs = new Set(after.outputs ?? []);
  for (const output of afterOutputs)
    if (!beforeOutputs.has(output))
      causes.push({ kind: "outputs-changed", text: `outputs changed (${output} added)` });
  for (const output of beforeOutputs)
    if (!afterOutputs.has(output))
      causes.push({ kind: "outputs-changed", text: `outputs changed (${output} removed)` });
  return causes;
}
function declaredOutputs(asset) {
  const outputs = [...new Set(asset.outputs.map(normalizeOutputPath))].sort();
  return outputs.length > 0 ? outputs : void 0;
}
function withDeclaredOutputs(record, declared) {
  if (record.provenance.outputs !== void 0) return record;
  const files = Object.keys(record.outputs ?? {});
  if (files.length === 0 || logicalVersion(record.provenance) !== record.logicalVersion) return record;
  const isDeclared = outputFilter(declared ?? []);
  const same = declared !== void 0 && files.every(isDeclared) && declared.every((output) => files.some((file) => outputFilter([output])(file)));
  const provenance = { ...record.provenance, outputs: same ? declared : files.sort() };
  return { ...record, provenance, logicalVersion: logicalVersion(provenance) };
}
function versionedEnv(project, asset, environment) {
  const env = {};
  for (const [name, value] of Object.entries(resolveEnv(project, asset, environment))) {
    env[name] = typeof value === "object" ? `secret:${value.secret}` : String(value);
  }
  return env;
}
async function prepare(project, asset, environment, facts, ledger, overrides, load) {
  const { memo, outputs } = facts;
  const remembered = memo?.found?.get(asset.name);
  const [fingerprints, log, failures] = await Promise.all([
    remembered ? void 0 : fingerprintAsset(asset, facts.files.index(), outputs),
    headLogOf(ledger, asset.name),
    ledger.failures(asset.name)
  ]);
  const own = overrides?.byAsset.get(asset.name);
  let base;
  let entry;
  if (fingerprints) {
    const { code, inputs } = fingerprints;
    base = baseOf(project, asset, environment, own, code.files, inputs.files);
    const index = facts.files.index();
    const files = [...Object.keys(code.files), ...Object.keys(inputs.files)];
    entry = {
      codeVersion: base.codeVersion,
      unmatched: [...code.unmatched, ...inputs.unmatched],
      // The manifest holds the config and the run command: an uncommitted edit there counts too.
      dirty: index.anyUncommitted && [path4.basename(project.manifestPath), ...files].some((file) => index.uncommitted(file))
    };
    if (memo) {
      if (index.anyHashed) {
        for (const file of files)
          if (index.hashed(file)) memo.noteHashed(file, code.files[file] ?? inputs.files[file]);
      }
      memo.set(asset.name, entry);
    }
  } else entry = remembered;
  const baseNow = () => {
    if (!base) {
      const known = (file) => memo.hashed(file);
      const files = (patterns, exclude) => patterns.length === 0 ? none().files : fingerprintKnown(facts.files.index(), patterns, known, { exclude }).files;
      base = baseOf(
        project,
        asset,
        environment,
        own,
        asset.codeVersion === void 0 ? files(asset.code, outputs) : none().files,
        files(asset.inputs)
      );
    }
    return base;
  };
  return {
    base: baseNow,
    codeVersion: entry.codeVersion,
    logicalVersion: (deps) => {
      const depsKey = canonicalJson(deps);
      if (entry.deps === depsKey && entry.logicalVersion !== void 0) return entry.logicalVersion;
      const lv = logicalVersion({ ...baseNow(), deps });
      entry = { ...entry, deps: depsKey, logicalVersion: lv };
      memo?.set(asset.name, entry);
      return lv;
    },
    // Outside an experiment, an experiment's records do not exist for freshness.
    records: new AssetHeads(asset.name, log, load, overrides !== void 0 && overrides.texts.length > 0),
    // Chosen once every asset's records are read (`chooseLineage`), in one batch.
    latest: void 0,
    lastFailure: failures.at(-1),
    failures,
    unmatched: entry.unmatched,
    dirty: entry.dirty
  };
}
var none = () => ({ files: {}, unmatched: [] });
async function fingerprintAsset(asset, index, outputs) {
  const [code, inputs] = await Promise.all([
    asset.codeVersion === void 0 ? fingerprint(index, asset.code, { exclude: outputs }) : none(),
    fingerprint(index, asset.inputs)
  ]);
  return { code, inputs };
}
function baseOf(project, asset, environment, own, code, inputs) {
  const runHash = sha256(asset.run);
  return {
    codeVersion: codeVersion({ declared: asset.codeVersion, runHash, code }),
    code,
    runHash,
    config: applyOverrides(resolveConfig(project, asset, environment), own),
    env: versionedEnv(project, asset, environment),
    inputs,
    ...own ? { overrides: overridesRecord(own) } : {},
    outputs: declaredOutputs(asset)
  };
}
function recordLoader(ledger, project) {
  const loaded = /* @__PURE__ */ new Map();
  const checked = /* @__PURE__ */ new Map();
  const load = (asset, version) => {
    const key = `${asset}\0${version}`;
    let record = loaded.get(key);
    if (!record) {
      const spec = project.assets.get(asset);
      const declared = spec ? declaredOutputs(spec) : void 0;
      record = ledger.materialization(asset, version).then((r) => r && spec ? withDeclaredOutputs(r, declared) : r);
      loaded.set(key, record);
    }
    return record;
  };
  const intact = (asset, version) => {
    const key = `${asset}\0${version}`;
    const record = loaded.get(key);
    if (record) return record.then((r) => r !== void 0);
    let known = checked.get(key);
    if (!known) {
      known = (ledger.recordIntact ? ledger.recordIntact(asset, version) : load(asset, version).then((r) => r !== void 0)).then((answer) => {
        answered.set(key, answer);
        return answer;
      });
      checked.set(key, known);
    }
    return known;
  };
  const answered = /* @__PURE__ */ new Map();
  const intactNow = (asset, version) => {
    const key = `${asset}\0${version}`;
    return loaded.has(key) ? void 0 : answered.get(key);
  };
  return Object.assign(load, { intact, intactNow });
}
var AssetHeads = class {
  constructor(asset, log, load, experiments) {
    this.asset = asset;
    this.log = log;
    this.load = load;
    this.experiments = experiments;
  }
  asset;
  log;
  load;
  experiments;
  judged = /* @__PURE__ */ new Map();
  /**
   * Up to `count` heads `accept` takes, newest first, from the version at index `from` of the log
   * down (the log's newest: `versions.length - 1`); with `lv`, only the heads that may have that
   * logical version are read. `next` is where the following call goes on (-1: none left). A head
   * known without reading (see HeadLog.headNow) is taken without a promise: a status of thousands
   * of assets asks for one or two each.
   */
  async take(from, count, options = {}) {
    const taken = { heads: [], next: from };
    while (this.takeKnown(taken, count, options)) {
      const version = this.log.versions[taken.next];
      const head = await this.head(version);
      if (head && (!options.accept || options.accept(head))) taken.heads.push(head);
      taken.next--;
    }
    return taken;
  }
  /** `take`, when every head it reaches is known now (see headNow); undefined otherwise. */
  takeNow(from, count, options = {}) {
    const taken = { heads: [], next: from };
    return this.takeKnown(taken, count, options) ? void 0 : taken;
  }
  /**
   * Goes on with `taken` through the heads known now; true when it stopped at one that must be read
   * (`taken.next` is its index), false when done.
   */
  takeKnown(taken, count, { lv, accept }) {
    const { versions } = this.log;
    let i = Math.min(taken.next, versions.length - 1);
    for (; i >= 0 && taken.heads.length < count; i--) {
      const version = versions[i];
      if (lv !== void 0 && !this.log.mayHave(version, lv)) continue;
      const now = this.headNow(version);
      if (!now) {
        taken.next = i;
        return true;
      }
      if (now.head && (!accept || accept(now.head))) taken.heads.push(now.head);
    }
    taken.next = i;
    return false;
  }
  /** The newest version's index in the log (where `take` starts). */
  get newest() {
    return this.log.versions.length - 1;
  }
  async any() {
    return (await this.take(this.newest, 1)).heads.length > 0;
  }
  /**
   * The head of `version` as judged, when it needs neither a read nor its record (see
   * HeadLog.headNow); undefined when only `head` can tell.
   */
  headNow(version) {
    const now = this.log.headNow(version);
    if (!now) return void 0;
    const h = now.head;
    if (!h || !this.experiments && isExperiment(h)) return { head: void 0 };
    return h.undeclaredOutputs ? void 0 : now;
  }
  head(version) {
    let head = this.judged.get(version);
    if (!head) {
      head = this.log.head(version).then(async (h) => {
        if (!h || !this.experiments && isExperiment(h)) return void 0;
        if (!h.undeclaredOutputs) return h;
        const record = await this.load(this.asset, h.version);
        return record ? { ...h, logicalVersion: record.logicalVersion } : h;
      });
      this.judged.set(version, head);
    }
    return head;
  }
};
async function newestReadable(asset, heads, keep, load) {
  for (const head of heads) {
    if (!keep(head)) continue;
    if (await load.intact(asset, head.version)) return head;
  }
  return void 0;
}
async function newestReadableAt(asset, records, lv, load, environment) {
  const keep = (head) => head.logicalVersion === lv && (environment === void 0 || head.context.environment === environment);
  for (let from = records.newest; from >= 0; ) {
    const options = { lv, accept: keep };
    const { heads, next } = records.takeNow(from, 1, options) ?? await records.take(from, 1, options);
    const head = heads[0];
    if (head && (load.intactNow(asset, head.version) ?? await load.intact(asset, head.version)))
      return head;
    from = next;
  }
  return void 0;
}
function ownBuildsOnly(spec, environment) {
  return spec.promote !== void 0 && environment === PROD;
}
async function judge(spec, environment, prepared, deps, upstream, load, latestRecords) {
  const name = spec.name;
  const { lastFailure, unmatched } = prepared;
  const known = Object.values(deps).every((v) => v !== void 0);
  const lv = known ? prepared.logicalVersion(deps) : void 0;
  const own = ownBuildsOnly(spec, environment);
  const match = lv === void 0 ? void 0 : await newestReadableAt(name, prepared.records, lv, load, own ? environment : void 0);
  const elsewhere = own && lv !== void 0 && !match ? await newestReadableAt(name, prepared.records, lv, load) : void 0;
  const latest = match ?? prepared.latest;
  const baselineRecord = latest && !match ? await load(name, latest.version) : void 0;
  const causes = [];
  let status;
  if (!latest) {
    status = "missing";
    causes.push({
      kind: "never-materialized",
      // Records elsewhere (another environment or branch) are not this checkout's: say so.
      text: await prepared.records.any() ? `never materialized in ${environment} on this line of history` : "never materialized"
    });
  } else if (match) {
    status = "fresh";
  } else if (elsewhere) {
    causes.push({
      kind: "built-elsewhere",
      text: `built only in ${elsewhere.context.environment} (v${elsewhere.version}); ${environment} trains and judges its own`
    });
    status = "stale";
  } else {
    causes.push(...staleCauses(baselineRecord.provenance, { ...prepared.base(), deps }));
    status = "stale";
  }
  for (const [dep, version] of Object.entries(deps)) {
    if (version === void 0 && latest) {
      const [name2, alias] = dep.split("@");
      causes.push({
        kind: "dependency-stale",
        text: alias ? `dependency ${name2} has no ${alias} yet` : `dependency ${dep} is ${upstream.get(dep) ?? "stale"}`
      });
    }
  }
  if (status === "fresh") causes.length = 0;
  if (status !== "fresh" && lastFailure && (!latest || lastFailure.finishedAt > latest.finishedAt) && // At no version (its step never started: a dependency was not there) it is still the asset's
  // last run, and it failed.
  (lastFailure.logicalVersion === lv || lastFailure.logicalVersion === "" && lastFailure.status === "failed")) {
    causes.push({ kind: "last-run-failed", text: `last run failed (${lastFailure.error.split("\n")[0]})` });
  }
  if (status === "stale" && causes.length === 0) {
    causes.push({ kind: "code-version-changed", text: "recorded with a different version scheme" });
  }
  const assessment = {
    name,
    status,
    reasons: causes.map((c) => c.text),
    causes,
    logicalVersion: lv,
    // Object.assign, not a spread after `asset` (same fields, same order): V8 copies a spread that
    // follows other fields one property at a time in its runtime, ~5 µs a head, a tenth of a
    // status's own work at 2,000 assets.
    current: latest ? Object.assign({ asset: name }, latest) : void 0,
    latest: latest && latestRecords ? await load(name, latest.version) : void 0,
    lastFailure,
    ...sinceLastHandled(prepared, deps),
    failedAtVersion: status === "fresh" ? void 0 : failedAtVersion(prepared, lv),
    // Newer than the line's newest: not on the line (chooseLineage would have taken it), and what
    // the line has from now on. An older one (a revert) would not change what the line calls its
    // newest, and noting it at every commit would write the cursor at every push.
    ...match && match.version > (prepared.latest?.version ?? 0) && match.context.environment === environment && !isExperiment(match) ? { adopted: true } : {},
    unmatched,
    ...prepared.dirty ? { dirty: true } : {},
    unavailable: Object.keys(deps).filter((d) => d.includes("@") && deps[d] === void 0).map(refAsset)
  };
  return withProvenance(assessment, prepared.base, known ? deps : void 0);
}
function withProvenance(assessment, base, deps) {
  let provenance;
  const field = (name, get) => ({
    get,
    set(value) {
      Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    },
    enumerable: true,
    configurable: true
  });
  return Object.defineProperties(assessment, {
    base: field("base", base),
    provenance: field("provenance", () => {
      if (deps !== void 0) provenance ??= { ...base(), deps };
      return provenance;
    })
  });
}
async function checkOutputs(assessment, options) {
  const record = assessment.current;
  if (assessment.status !== "fresh" || !record || !options.outputsAvailable) return assessment;
  if (await options.outputsAvailable(record)) return assessment;
  const cause = {
    kind: "outputs-lost",
    text: `outputs lost (v${record.version}'s bytes are in no store)`
  };
  return { ...assessment, status: "stale", causes: [cause], reasons: [cause.text] };
}
function withUnavailableSources(assessment, asset, sources) {
  const unavailable = asset.deps.filter((dep) => sources.get(dep)?.unavailable !== void 0);
  if (unavailable.length === 0) return assessment;
  const causes = unavailable.map((dep) => ({
    kind: "source-unavailable",
    text: `source ${dep} is unavailable`
  }));
  const vague = new Set(unavailable.map((dep) => `dependency ${dep} is stale`));
  const kept = assessment.causes.filter((c) => !(c.kind === "dependency-stale" && vague.has(c.text)));
  const all = [...kept, ...causes];
  return { ...assessment, causes: all, reasons: all.map((c) => c.text) };
}
function sinceLastHandled(prepared, deps) {
  const failure = prepared.failures.findLast((f) => f.status === "failed" && f.logicalVersion !== "");
  const latest = prepared.latest;
  const handled = failure && (!latest || failure.finishedAt > latest.finishedAt) ? { kind: "failed", at: failure.finishedAt, provenance: failure.provenance } : latest ? {
    kind: "materialized",
    at: latest.finishedAt,
    provenance: { codeVersion: latest.codeVersion, deps: latest.deps },
    version: latest.version
  } : void 0;
  if (!handled) return { codeChanged: false, depsUpdated: [] };
  return {
    lastHandled: { kind: handled.kind, at: handled.at, version: handled.version },
    codeChanged: handled.provenance.codeVersion !== prepared.codeVersion,
    // By asset name, as the conditions know dependencies (`model@champion` → `model`).
    depsUpdated: Object.keys(deps).filter((d) => deps[d] !== void 0 && handled.provenance.deps[d] !== deps[d]).map(refAsset)
  };
}
function failedAtVersion(prepared, lv) {
  if (lv === void 0) return void 0;
  const after = prepared.latest?.finishedAt ?? "";
  const failed = prepared.failures.filter((f) => f.status === "failed" && f.finishedAt > after);
  const newest = prepared.failures.findLast((f) => f.finishedAt > after);
  if (newest?.status !== "failed" || newest.logicalVersion !== lv) return void 0;
  return {
    at: newest.finishedAt,
    failures: failed.filter((f) => f.logicalVersion === lv).length,
    error: newest.error.split("\n")[0] ?? "",
    ...newest.context.runId ? { runId: newest.context.runId } : {}
  };
}
async function chooseLineage(prepared, lineage, load) {
  const open = new Map([...prepared].map(([name, p]) => [name, { p, from: p.records.newest }]));
  const accept = (head) => !isExperiment(head);
  for (let take = 1; open.size > 0; take *= 2) {
    const round = /* @__PURE__ */ new Map();
    await Promise.all(
      [...open].map(async ([name, state]) => {
        const { heads, next } = await state.p.records.take(state.from, take, { accept });
        state.from = next;
        round.set(name, heads);
      })
    );
    const inLineage = await lineageFilter(lineage, [...round.values()].flat());
    await Promise.all(
      [...round].map(async ([name, heads]) => {
        const state = open.get(name);
        state.p.latest = await newestReadable(name, heads, (head) => inLineage(head, name), load);
        if (state.p.latest || state.from < 0) open.delete(name);
      })
    );
  }
}
async function keepOwnFailures(prepared, lineage) {
  const all = [...prepared.values()].flatMap((p) => p.failures);
  if (all.length === 0) return;
  const counts = await failureFilter(lineage, all);
  for (const p of prepared.values()) {
    if (p.failures.length === 0) continue;
    p.failures = p.failures.filter(counts);
    p.lastFailure = p.failures.at(-1);
  }
}
async function assessProject(options) {
  const { project, ledger, environment } = options;
  const graph = buildGraph(project);
  const files = await projectFiles(project.root, { gitRoot: options.gitRoot, files: options.files });
  const experiment = options.overrides !== void 0 && (options.overrides.texts.length > 0 || options.overrides.byAsset.size > 0);
  const memo = experiment ? void 0 : await VersionsMemo.open({
    root: project.root,
    manifestPath: project.manifestPath,
    projectName: project.name,
    sourceHash: project.sourceHash,
    environment,
    files
  });
  const sources = /* @__PURE__ */ new Map();
  const dataVersions = /* @__PURE__ */ new Map();
  await Promise.all(
    [...project.sources.values()].map(async (source) => {
      let observed;
      try {
        observed = source.observe ? await observeSource(source, project.root, options.env ?? process.env, declaredSecrets(project)) : void 0;
      } catch (error) {
        if (!(error instanceof ObserveError)) throw error;
        sources.set(source.name, { name: source.name, unavailable: error.message });
        return;
      }
      const inputs = await fingerprint(files.index(), source.inputs);
      const dv = sourceDataVersion(observed?.version, inputs.files);
      sources.set(source.name, { name: source.name, dataVersion: dv, observed: observed?.shown });
      dataVersions.set(source.name, dv);
    })
  );
  const load = recordLoader(ledger, project);
  const prepared = /* @__PURE__ */ new Map();
  const facts = {
    files,
    memo,
    outputs: outputFilter([...project.assets.values()].flatMap((asset) => asset.outputs))
  };
  await Promise.all(
    [...project.assets.values()].map(
      async (asset) => prepared.set(
        asset.name,
        await prepare(project, asset, environment, facts, ledger, options.overrides, load)
      )
    )
  );
  const aliasVersions = /* @__PURE__ */ new Map();
  await Promise.all(
    [...project.assets.values()].flatMap(
      (asset) => Object.keys(asset.depAliases).map(async (dep) => {
        const found = await dependencyRecord({ ledger, asset, dep, current: void 0 });
        aliasVersions.set(dependencyRef(asset, dep), found.ok ? found.record.dataVersion : void 0);
      })
    )
  );
  const depVersions = (asset, given = {}) => {
    const versions = {};
    for (const dep of asset.deps) {
      const ref = dependencyRef(asset, dep);
      versions[ref] = given[dep] ?? (ref === dep ? dataVersions.get(dep) : aliasVersions.get(ref));
    }
    return versions;
  };
  const latestRecords = options.latestRecords ?? false;
  const lineage = options.lineage ?? { environment, branches: [] };
  await chooseLineage(prepared, lineage, load);
  await keepOwnFailures(prepared, lineage);
  const assets = /* @__PURE__ */ new Map();
  const statuses = /* @__PURE__ */ new Map();
  for (const name of graph.order) {
    const asset = project.assets.get(name);
    if (!asset) continue;
    const deps = depVersions(asset);
    const assessment = await checkOutputs(
      withUnavailableSources(
        await judge(asset, environment, prepared.get(name), deps, statuses, load, latestRecords),
        asset,
        sources
      ),
      options
    );
    assets.set(name, assessment);
    statuses.set(name, assessment.status);
    if (assessment.status === "fresh") dataVersions.set(name, assessment.current.dataVersion);
  }
  memo?.save();
  return {
    graph,
    assets,
    sources,
    dataVersions,
    currentRecord: async (name) => {
      const current = assets.get(name)?.current;
      return current ? load(name, current.version) : void 0;
    },
    versionAt: (name, dependencyDataVersions) => {
      const asset = prepared.get(name);
      const deps = depVersions(project.assets.get(name), dependencyDataVersions);
      const missing = Object.keys(deps).filter((dep) => deps[dep] === void 0);
      if (missing.length > 0) throw new Error(`bug: ${name} has no data version for ${missing.join(", ")}`);
      const known = deps;
      const base = asset.base();
      return {
        logicalVersion: asset.logicalVersion(known),
        provenance: { ...base, deps: known },
        base,
        ...asset.dirty ? { dirty: true } : {}
      };
    },
    reassess: async (name, dependencyDataVersions) => {
      const asset = project.assets.get(name);
      const deps = depVersions(asset, dependencyDataVersions);
      const assessment = await checkOutputs(
        withUnavailableSources(
          await judge(asset, environment, prepared.get(name), deps, statuses, load, false),
          asset,
          sources
        ),
        options
      );
      return assessment.status === "fresh" && assessment.current ? { ...assessment, latest: await load(name, assessment.current.version) } : assessment;
    }
  };
}

// src/domain/backoff.ts
function backoffDelay(retry, baseMs, maxMs) {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(0, retry - 1), 52));
}
function jittered(ms, random = Math.random) {
  return ms * (0.5 + random());
}

// src/automation/handled.ts
var MAX_BACKOFF_MS = 7 * 864e5;
function retryAt(at, failures, retryFailedMs) {
  if (retryFailedMs === void 0) return void 0;
  const wait = backoffDelay(failures, retryFailedMs, Math.max(retryFailedMs, MAX_BACKOFF_MS));
  return new Date(at.getTime() + wait);
}
function failureHolds(failure, now) {
  if (!failure) return false;
  return failure.retryAt === void 0 || now < failure.retryAt;
}
function notRetriedMessage(asset, failure) {
  const retry = failure.retryAt ? `; retry-failed retries it after ${minuteTime(failure.retryAt)}` : "";
  return `${asset} failed at this version on ${minuteTime(failure.at)} (${failure.error}); not retried automatically${retry} \u2014 \`kiln run ${asset}\` retries`;
}
function handledFailureFact(failure, now) {
  if (failureHolds(failure, now))
    return `failed at this version on ${minuteTime(failure.at)}: handled, not retried`;
  return `failed at this version on ${minuteTime(failure.at)}: retry-failed is due (${minuteTime(failure.retryAt)})`;
}
function repeatsEarlierFailure(failure, failures, materializations) {
  if (failure.logicalVersion === "") return false;
  const lastSuccess = materializations.map((m) => m.finishedAt).filter((at) => at < failure.startedAt).sort().at(-1);
  return failures.some(
    (f) => f.startedAt !== failure.startedAt && f.status === "failed" && f.logicalVersion === failure.logicalVersion && f.finishedAt <= failure.startedAt && (lastSuccess === void 0 || f.finishedAt > lastSuccess)
  );
}

// src/automation/cron.ts
var Cron;
async function loadCron() {
  Cron ??= (await import("./croner-3YBUCTGE.js")).Cron;
}
function cronOf(expression, timezone) {
  if (!Cron) throw new Error("bug: a cron tick was asked for before loadCron()");
  return new Cron(expression, { timezone, paused: true });
}
function previousTick(expression, timezone, at) {
  const cron = cronOf(expression, timezone);
  const exact = cron.nextRun(new Date(at.getTime() - 1));
  if (exact && exact.getTime() === at.getTime()) return exact;
  return cron.previousRuns(1, at)[0];
}
function nextTick(expression, timezone, at) {
  return cronOf(expression, timezone).nextRun(at) ?? void 0;
}

// src/automation/conditions.ts
function cronKey(kind, cron, tz) {
  return `${kind}:${cron}@${tz}`;
}
var iso = minuteTime;
function node(label, value, facts = [], children = []) {
  return { label, value, facts, children };
}
function sinceFact(facts) {
  return facts.lastHandled ? `since last handled: ${facts.lastHandled.what} ${iso(facts.lastHandled.at)}` : "never handled";
}
function unhandled(ctx, facts) {
  if (!facts.failure) return { ok: true, facts: [] };
  return {
    ok: !failureHolds(facts.failure, ctx.tick.now),
    facts: [handledFailureFact(facts.failure, ctx.tick.now)]
  };
}
function depsReady(ctx, facts, stalePresent = false) {
  const notes = [];
  let ok = true;
  for (const dep of facts.assetDeps) {
    const state = ctx.facts.get(dep)?.status ?? "missing";
    const alias = facts.aliasDeps?.[dep];
    if (ctx.planned.has(dep)) notes.push(`${dep} is planned in this run`);
    else if (alias !== void 0) {
      const readable = !facts.unavailableDeps?.includes(dep);
      ok &&= readable;
      notes.push(readable ? `${dep}@${alias} names a version` : `${dep}@${alias} names no version yet`);
    } else if (state === "fresh") notes.push(`${dep} is fresh`);
    else if (state === "stale" && stalePresent && !ctx.facts.get(dep)?.outputsLost)
      notes.push(`${dep} is stale: its current version is read`);
    else {
      ok = false;
      notes.push(`${dep} is ${state} and not planned`);
    }
  }
  return { ok, facts: notes };
}
function cursorSince(ctx, facts, key) {
  const written = ctx.cursor[key];
  if (!written) return {};
  const at = new Date(written);
  const by = ctx.requests?.[key];
  if (!by) return { at };
  if (ctx.run && by.run === ctx.run.run)
    return {
      fact: `requested by ${by.attempt ? `attempt ${by.attempt} of ` : "an earlier attempt of "}this workflow run at ${iso(at)}: handled only by an outcome`
    };
  if (!facts.lastHandled || facts.lastHandled.at < at)
    return {
      fact: `requested by workflow run ${by.run} at ${iso(at)}, which left no outcome for it: not handled`
    };
  return { at };
}
function cronPassed(ctx, facts, kind, cron, tz) {
  const tick = previousTick(cron, tz, ctx.tick.now);
  const zone = tz === "UTC" ? "" : ` ${tz}`;
  if (!tick) return { passed: false, tick, facts: [`"${cron}"${zone} has not fired yet`] };
  if (facts.failure && !failureHolds(facts.failure, ctx.tick.now))
    return {
      passed: true,
      tick,
      facts: [`last tick of "${cron}"${zone}: ${iso(tick)}`, handledFailureFact(facts.failure, ctx.tick.now)]
    };
  const cursor = cursorSince(ctx, facts, cronKey(kind, cron, tz));
  const times = [cursor.at, facts.lastHandled?.at].filter((t) => t !== void 0);
  const since = times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : void 0;
  return {
    passed: !since || tick > since,
    tick,
    facts: [
      `last tick of "${cron}"${zone}: ${iso(tick)}`,
      ...cursor.fact ? [cursor.fact] : [],
      since ? `last handled ${iso(since)}` : "never handled"
    ]
  };
}
function evaluate(condition, ctx) {
  const facts = ctx.facts.get(ctx.asset);
  if (!facts) throw new Error(`bug: no facts for ${ctx.asset}`);
  switch (condition.kind) {
    case "missing":
    case "stale": {
      const open = unhandled(ctx, facts);
      return node(condition.kind, facts.status === condition.kind && open.ok, [
        `status: ${facts.status}`,
        ...open.facts
      ]);
    }
    case "code_changed":
      return node("code_changed", facts.codeChanged, [
        facts.codeChanged ? "code version differs from the one last handled" : "code unchanged",
        sinceFact(facts)
      ]);
    case "deps_updated": {
      const planned = facts.assetDeps.filter((d) => ctx.planned.has(d));
      const updated = [.../* @__PURE__ */ new Set([...facts.depsUpdated, ...planned])];
      return node("deps_updated", updated.length > 0, [
        ...updated.length ? updated.map((d) => `${d} ${planned.includes(d) ? "is planned" : "has a new data version"}`) : ["no dependency updated"],
        sinceFact(facts)
      ]);
    }
    case "manual":
      return node("manual", ctx.selected, [ctx.selected ? "selected explicitly" : "runs only when selected"]);
    case "eager": {
      const open = unhandled(ctx, facts);
      const ready = depsReady(ctx, facts);
      const upstreamRuns = facts.assetDeps.some((d) => ctx.planned.has(d));
      return node("eager", (facts.status !== "fresh" && open.ok || upstreamRuns) && ready.ok, [
        `status: ${facts.status}`,
        ...open.facts,
        ...ready.facts
      ]);
    }
    case "on_missing": {
      const open = unhandled(ctx, facts);
      const ready = depsReady(ctx, facts, true);
      return node("on_missing", facts.status === "missing" && open.ok && ready.ok, [
        `status: ${facts.status}`,
        ...open.facts,
        ...ready.facts
      ]);
    }
    case "cron": {
      const result = cronPassed(ctx, facts, "cron", condition.cron, condition.tz);
      return {
        ...node(
          `cron "${condition.cron}"${condition.tz === "UTC" ? "" : ` ${condition.tz}`}`,
          result.passed,
          result.facts
        ),
        cronTick: true
      };
    }
    case "on_cron": {
      const label = `on_cron "${condition.cron}"${condition.tz === "UTC" ? "" : ` ${condition.tz}`}`;
      const result = cronPassed(ctx, facts, "on_cron", condition.cron, condition.tz);
      const tickNode = node("cron tick passed since last handled", result.passed, result.facts);
      const depFacts = [];
      let allUpdated = true;
      for (const dep of facts.assetDeps) {
        const at = ctx.facts.get(dep)?.lastMaterializedAt;
        const alias = facts.aliasDeps?.[dep];
        if (ctx.planned.has(dep)) depFacts.push(`${dep} is planned in this run`);
        else if (alias !== void 0) {
          const moved = facts.depsUpdated.includes(dep) || facts.status === "missing";
          allUpdated &&= moved;
          depFacts.push(moved ? `${dep}@${alias} has a new version` : `${dep}@${alias} unchanged`);
        } else if (at && result.tick && at >= result.tick) depFacts.push(`${dep} updated ${iso(at)}`);
        else {
          allUpdated = false;
          depFacts.push(`${dep} not updated since the tick${at ? ` (last ${iso(at)})` : ""}`);
        }
      }
      for (const dep of facts.sourceDeps) {
        if (facts.depsUpdated.includes(dep) || facts.status === "missing")
          depFacts.push(`${dep} has a new version`);
        else {
          allUpdated = false;
          depFacts.push(`${dep} unchanged`);
        }
      }
      const depsNode = node(
        "all dependencies updated since the tick",
        allUpdated,
        depFacts.length ? depFacts : ["no dependencies"]
      );
      const requests = facts.assetDeps.length === 0 || facts.status !== "fresh";
      return {
        ...node(label, result.passed && allUpdated, [], [tickNode, depsNode]),
        ...requests ? { cronTick: true } : {}
      };
    }
    case "all": {
      const children = condition.of.map((c) => evaluate(c, ctx));
      return node(
        "all",
        children.every((c) => c.value),
        [],
        children
      );
    }
    case "any": {
      const children = condition.of.map((c) => evaluate(c, ctx));
      return node(
        "any",
        children.some((c) => c.value),
        [],
        children
      );
    }
    case "not": {
      const inner = evaluate(condition.of, ctx);
      return node("not", !inner.value, [], [inner]);
    }
  }
}
function requestedByTick(evaluation) {
  if (!evaluation.value || evaluation.label === "not") return false;
  return evaluation.cronTick === true || evaluation.children.some(requestedByTick);
}
function usesOnMissing(condition) {
  switch (condition.kind) {
    case "on_missing":
      return true;
    case "all":
    case "any":
      return condition.of.some(usesOnMissing);
    default:
      return false;
  }
}
function cronConditions(condition) {
  switch (condition.kind) {
    case "on_cron":
    case "cron":
      return [{ kind: condition.kind, cron: condition.cron, tz: condition.tz }];
    case "all":
    case "any":
      return condition.of.flatMap(cronConditions);
    case "not":
      return cronConditions(condition.of);
    default:
      return [];
  }
}

// src/automation/plan.ts
var PULL_REQUESTS_OFF = "pull-requests: false";
function planTick(input) {
  const { tick } = input;
  const assets = /* @__PURE__ */ new Map();
  const planned = /* @__PURE__ */ new Set();
  const cursors = structuredClone({ ...input.cursors });
  const moved = {};
  const { changed, rebuild } = changedAndRebuilt(input);
  for (const asset of input.assets) {
    if (!input.selection.has(asset.name)) continue;
    const facts = input.facts.get(asset.name);
    const decide = (run, reasons, evaluation2, request = false) => {
      assets.set(asset.name, {
        status: facts.status,
        run,
        request: run && request,
        reasons,
        evaluation: evaluation2
      });
      if (!run) return;
      planned.add(asset.name);
      for (const c of cronConditions(asset.condition)) {
        const key = cronKey(c.kind, c.cron, c.tz);
        cursors[asset.name] = { ...cursors[asset.name], [key]: tick.now.toISOString() };
        moved[asset.name] = { ...moved[asset.name], [key]: tick.now.toISOString() };
      }
    };
    if (facts.unavailableSources?.length) {
      decide(
        false,
        facts.unavailableSources.map((u) => `waiting: ${u.why}`)
      );
      continue;
    }
    const unbuilt = facts.assetDeps.filter(
      (d) => facts.aliasDeps?.[d] === void 0 && input.facts.get(d)?.status === "missing" && !planned.has(d)
    );
    const unpromoted = (facts.unavailableDeps ?? []).filter((d) => !unbuilt.includes(d) && !planned.has(d));
    const waiting = [...unbuilt, ...unpromoted];
    const waitingFor = [
      ...unbuilt.length ? [`dependency ${unbuilt.join(", ")} has never been materialized`] : [],
      ...unpromoted.map(
        (d) => facts.aliasDeps?.[d] !== void 0 ? `dependency ${d} has no ${facts.aliasDeps[d]} yet` : `dependency ${d} has no version under the alias ${asset.name} reads yet`
      )
    ].join("; ");
    const waitFor = (reasons, evaluation2) => {
      decide(false, reasons, evaluation2);
      assets.get(asset.name).waitingOn = waiting;
    };
    if (input.force) {
      if (waiting.length) waitFor([`waiting: ${waitingFor}; run \`kiln run +${asset.name}\``]);
      else decide(true, ["forced", ...asset.reasons], void 0, true);
      continue;
    }
    const evaluation = evaluate(asset.condition, {
      asset: asset.name,
      tick,
      facts: input.facts,
      planned,
      cursor: input.cursors[asset.name] ?? {},
      requests: input.requests?.[asset.name],
      run: input.run,
      selected: input.explicit
    });
    if (waiting.length) {
      waitFor([`waiting: ${waitingFor}`, ...asset.reasons], evaluation);
      continue;
    }
    if (tick.event === "pull_request") {
      if (!asset.pullRequests) decide(false, [PULL_REQUESTS_OFF, ...asset.reasons], evaluation);
      else if (facts.status === "fresh") decide(false, ["fresh"], evaluation);
      else if (failureHolds(facts.failure, tick.now))
        decide(false, [notRetriedMessage(asset.name, facts.failure)], evaluation);
      else {
        const held = heldBack(facts, input.facts, planned, assets, input.selection);
        if (held.length > 0)
          decide(false, [...held.map((h) => `waiting: ${h}`), ...asset.reasons], evaluation);
        else if (input.explicit || changed.has(asset.name) || rebuild.has(asset.name))
          decide(true, asset.reasons, evaluation);
        else if (evaluation.value)
          decide(
            true,
            [...asset.reasons, `automation: ${summary(evaluation)}`],
            evaluation,
            requestedByTick(evaluation)
          );
        else
          decide(
            false,
            [
              `this pull request changes nothing ${asset.name} reads; as on ${input.pullRequestBase ?? "its base branch"}, automation: ${summary(evaluation)} is false`,
              ...asset.reasons
            ],
            evaluation
          );
      }
      continue;
    }
    if (input.explicit) {
      decide(true, ["selected", ...asset.reasons], evaluation, true);
      continue;
    }
    if (facts.status === "fresh" && !evaluation.value) {
      decide(false, ["fresh"], evaluation);
      continue;
    }
    if (evaluation.value) {
      const request = requestedByTick(evaluation);
      decide(true, [...asset.reasons, `automation: ${summary(evaluation)}`], evaluation, request);
    } else if (failureHolds(facts.failure, tick.now)) {
      decide(false, [notRetriedMessage(asset.name, facts.failure)], evaluation);
    } else decide(false, [`automation: ${summary(evaluation)} is false`, ...asset.reasons], evaluation);
  }
  return { assets, cursors, moved };
}
function changedAndRebuilt(input) {
  const changed = /* @__PURE__ */ new Set();
  const rebuild = /* @__PURE__ */ new Set();
  if (input.tick.event !== "pull_request") return { changed, rebuild };
  for (const asset of input.assets)
    if (asset.changedByPullRequest !== false || input.facts.get(asset.name)?.assetDeps.some((dep) => changed.has(dep)))
      changed.add(asset.name);
  for (const asset of [...input.assets].reverse()) {
    const facts = input.facts.get(asset.name);
    if (!facts || !input.selection.has(asset.name) || facts.status === "fresh" || !asset.pullRequests)
      continue;
    if (!input.explicit && !changed.has(asset.name) && !rebuild.has(asset.name)) continue;
    for (const dep of facts.assetDeps)
      if (facts.aliasDeps?.[dep] === void 0 && input.facts.get(dep)?.outputsLost) rebuild.add(dep);
  }
  return { changed, rebuild };
}
function heldBack(facts, all, planned, decided, selection) {
  const held = [];
  for (const dep of facts.assetDeps) {
    if (planned.has(dep) || facts.aliasDeps?.[dep] !== void 0) continue;
    const state = all.get(dep);
    if (!state || state.status === "fresh") continue;
    const entry = decided.get(dep);
    const why = !selection.has(dep) ? "it is not in the selection" : entry?.reasons[0] === PULL_REQUESTS_OFF ? PULL_REQUESTS_OFF : state.failure && entry?.reasons[0] === notRetriedMessage(dep, state.failure) ? "it failed at this version and is not retried automatically" : entry?.reasons[0];
    held.push(
      why === PULL_REQUESTS_OFF ? `dependency ${dep} is ${state.status} and does not run on pull requests (pull-requests: false)` : `dependency ${dep} is ${state.status} and does not run on this pull request${why ? ` (${why})` : ""}`
    );
  }
  return held;
}
function summary(evaluation) {
  if (["all", "any", "not"].includes(evaluation.label))
    return `${evaluation.label}(${evaluation.children.map(summary).join(", ")})`;
  return evaluation.label;
}

// src/app/run-plan.ts
function handledFailure(spec, failed, runId) {
  if (!failed) return void 0;
  if (runId !== void 0 && runId !== "" && failed.runId === runId) return void 0;
  const at = new Date(failed.at);
  return {
    at,
    failures: failed.failures,
    error: failed.error,
    retryAt: retryAt(at, failed.failures, spec.retryFailedMs)
  };
}
function sincePoint(a, runId) {
  const handled = a.lastHandled;
  if (!handled) return void 0;
  const ownFailure = handled.kind === "failed" && runId !== void 0 && runId !== "" && a.lastFailure?.status === "failed" && a.lastFailure.finishedAt === handled.at && a.lastFailure.context?.runId === runId;
  if (ownFailure)
    return a.current ? { at: new Date(a.current.finishedAt), what: `materialized v${a.current.version}` } : void 0;
  return {
    at: new Date(handled.at),
    what: handled.kind === "failed" ? "failed" : `materialized v${handled.version}`
  };
}
function currentReads(project, assessment, running) {
  const reads = /* @__PURE__ */ new Map();
  for (const name of running) {
    const spec = project.assets.get(name);
    if (!spec || !usesOnMissing(spec.automation) || assessment.assets.get(name)?.status !== "missing")
      continue;
    const deps = spec.deps.filter(
      (dep) => project.assets.has(dep) && spec.depAliases[dep] === void 0 && !running.has(dep) && assessment.assets.get(dep)?.status === "stale" && assessment.assets.get(dep)?.current !== void 0 && !assessment.assets.get(dep)?.causes.some((c) => c.kind === "outputs-lost")
    );
    if (deps.length > 0) reads.set(name, new Set(deps));
  }
  return reads;
}
function assetFacts(project, assessment, runId) {
  const facts = /* @__PURE__ */ new Map();
  for (const [name, a] of assessment.assets) {
    const spec = project.assets.get(name);
    const deps = spec.deps;
    facts.set(name, {
      status: a.status,
      codeChanged: a.codeChanged,
      depsUpdated: a.depsUpdated,
      assetDeps: deps.filter((d) => project.assets.has(d)),
      aliasDeps: Object.keys(spec.depAliases).length > 0 ? spec.depAliases : void 0,
      unavailableDeps: a.unavailable,
      outputsLost: a.causes.some((c) => c.kind === "outputs-lost") || void 0,
      sourceDeps: deps.filter((d) => project.sources.has(d)),
      lastMaterializedAt: a.current ? new Date(a.current.finishedAt) : void 0,
      lastHandled: sincePoint(a, runId),
      failure: handledFailure(spec, a.failedAtVersion, runId),
      unavailableSources: deps.flatMap((d) => {
        const why = assessment.sources.get(d)?.unavailable;
        return why ? [{ source: d, why: why.replace(/:\n\s+/, ": ").replace(/\n\s*/g, " / ") }] : [];
      })
    });
  }
  return facts;
}
function sourceFailureMarks(assessment, stored, tick, run) {
  const marks = {};
  for (const name of Object.keys(stored)) if (!assessment.sources.has(name)) marks[name] = null;
  for (const [name, source] of assessment.sources) {
    marks[name] = source.unavailable === void 0 ? null : stored[name] ?? {
      since: tick.now.toISOString(),
      error: source.unavailable,
      ...run ? { runId: run.run, ...run.attempt ? { runAttempt: run.attempt } : {} } : {}
    };
  }
  return marks;
}
async function planRun(request) {
  const { project, assessment, tick } = request;
  if ([...project.assets.values()].some((asset) => cronConditions(asset.automation).length > 0))
    await loadCron();
  const stored = await request.ledger.readCursor(request.scope);
  const planned = planTick({
    assets: assessment.graph.order.filter((name) => project.assets.has(name)).map((name) => {
      const asset = project.assets.get(name);
      return {
        name,
        condition: asset.automation,
        pullRequests: asset.pullRequests,
        reasons: assessment.assets.get(name).reasons,
        changedByPullRequest: request.pullRequest?.changed?.has(name)
      };
    }),
    facts: assetFacts(project, assessment, request.runId),
    cursors: stored?.assets ?? {},
    requests: stored?.requests,
    run: request.runId ? { run: request.runId, attempt: request.runAttempt } : void 0,
    tick,
    selection: request.selection,
    explicit: request.explicit,
    force: request.force,
    pullRequestBase: request.pullRequest?.base
  });
  const sources = sourceFailureMarks(
    assessment,
    stored?.sources ?? {},
    tick,
    request.runId ? { run: request.runId, attempt: request.runAttempt } : void 0
  );
  const changesAfter = (handled) => {
    const by = handled === void 0 && request.runId ? { run: request.runId, ...request.runAttempt ? { attempt: request.runAttempt } : {} } : void 0;
    const entries = {};
    for (const [name, entry] of planned.assets) {
      if (!entry.run || handled !== void 0 && !handled.has(name)) continue;
      for (const [key, at] of Object.entries(planned.moved[name] ?? {}))
        entries[name] = { ...entries[name], [key]: by ? { at, request: by } : { at } };
    }
    return { scope: request.scope, entries, sources, adopted, updatedAt: tick.now.toISOString() };
  };
  const adopted = {};
  for (const [name, state] of assessment.assets)
    if (request.gitSha && state.adopted && state.status === "fresh" && !state.dirty && state.current)
      adopted[name] = { version: state.current.version, gitSha: request.gitSha, at: tick.now.toISOString() };
  const writes = tick.event !== "pull_request" && !request.experiment;
  return {
    tick,
    assets: planned.assets,
    commit: async (handled) => {
      if (!writes) return;
      const changes = changesAfter(handled);
      if (applyCursorChanges(stored, changes) === void 0) return;
      await request.ledger.updateCursor(changes);
    }
  };
}
async function handleRequestsFoundFresh(request) {
  const { ledger, scope, run, tick } = request;
  if (request.fresh.size === 0 || !run || tick.event === "pull_request") return;
  const stored = await ledger.readCursor(scope);
  const entries = {};
  for (const name of request.fresh)
    for (const [key, by] of Object.entries(stored?.requests?.[name] ?? {})) {
      const at = stored?.assets[name]?.[key];
      if (by.run === run && at !== void 0) entries[name] = { ...entries[name], [key]: { at } };
    }
  if (Object.keys(entries).length === 0) return;
  await ledger.updateCursor({ scope, entries, sources: {}, updatedAt: tick.now.toISOString() });
}

// src/app/pull-request-changes.ts
import path5 from "node:path";
var DEFINITION_CAUSES = /* @__PURE__ */ new Set([
  "never-materialized",
  "code-changed",
  "code-version-changed",
  "run-changed",
  "config-changed",
  "env-changed",
  "input-added",
  "input-removed",
  "dependency-added",
  "dependency-removed",
  "outputs-changed"
]);
async function pullRequestChanges(workspace, assessment, env) {
  if (workspace.event !== "pull_request") return void 0;
  const base = workspace.decision.branch ?? workspace.git.base;
  const root = workspace.git.root;
  if (!base || !root) return base ? { base } : void 0;
  const mergeRef = env.GITHUB_ACTIONS === "true" && /^refs\/pull\/\d+\/merge$/.test(env.GITHUB_REF ?? "");
  const parents = mergeRef ? await headParents(root) : [];
  const branches = [`refs/heads/${base}`, `refs/remotes/origin/${base}`];
  const bases = [
    ...parents.length === 2 ? [parents[0]] : [],
    ...workspace.baseRef ? [workspace.baseRef] : [],
    ...env.GITHUB_ACTIONS === "true" ? branches.reverse() : branches
  ];
  const found = await changesSinceBase(root, bases);
  if (!found) return { base };
  const prefix = projectPrefix(root, workspace.project.root);
  const paths = prefix === "" ? found.paths : found.paths.filter((p) => p.startsWith(`${prefix}/`)).map((p) => p.slice(prefix.length + 1));
  const manifest = manifestPath(workspace.project, prefix);
  const baseProject = found.paths.includes(manifest) ? await projectAt(root, found.mergeBase, manifest, workspace.project) : void 0;
  return {
    base,
    changed: changedAssets(workspace.project, assessment, paths, {
      environment: workspace.environment,
      baseProject
    })
  };
}
function manifestPath(project, prefix) {
  const own = path5.relative(project.root, project.manifestPath).split(path5.sep).join("/");
  return prefix === "" ? own : `${prefix}/${own}`;
}
async function projectAt(root, commit, file, head) {
  const { MAX_MANIFEST_BYTES, parseManifest } = await import("./load-252BNIVS.js");
  const found = await readObject(root, `${commit}:${file}`).catch(() => void 0);
  if (found?.type !== "blob" || found.content.length > MAX_MANIFEST_BYTES) return void 0;
  const parsed = parseManifest(found.content.toString("utf8"), {
    manifestPath: head.manifestPath,
    displayName: `${file} at ${commit.slice(0, 7)}`
  });
  return parsed.ok ? parsed.value.project : void 0;
}
function definition(project, asset, environment) {
  return canonicalJson({
    run: asset.run,
    config: resolveConfig(project, asset, environment),
    env: resolveEnv(project, asset, environment),
    codeVersion: asset.codeVersion ?? null,
    deps: [...asset.deps].sort(),
    depAliases: asset.depAliases,
    outputs: asset.outputs,
    inputs: asset.inputs,
    code: asset.code
  });
}
function changedAssets(project, assessment, changed, at) {
  const isOutput = outputFilter([...project.assets.values()].flatMap((asset) => asset.outputs));
  const paths = changed.filter((file) => !isOutput(file));
  const touches = (patterns) => patterns.some((pattern) => matchPattern(paths, pattern).length > 0);
  const manifest = path5.relative(project.root, project.manifestPath).split(path5.sep).join("/");
  const manifestEdited = paths.includes(manifest);
  const { environment, baseProject } = at;
  const sourceEdited = (name, inputs) => {
    if (!manifestEdited || !baseProject) return false;
    const before = baseProject.sources.get(name);
    return !before || canonicalJson(before.inputs) !== canonicalJson(inputs);
  };
  const changedSources = new Set(
    [...project.sources.values()].filter((s) => touches(s.inputs) || sourceEdited(s.name, s.inputs)).map((s) => s.name)
  );
  const definitionEdited = (asset) => {
    if (!manifestEdited) return false;
    if (baseProject) {
      const before = baseProject.assets.get(asset.name);
      return !before || definition(baseProject, before, environment) !== definition(project, asset, environment);
    }
    const causes = assessment.assets.get(asset.name)?.causes ?? [];
    return causes.some((cause) => DEFINITION_CAUSES.has(cause.kind));
  };
  const assets = /* @__PURE__ */ new Set();
  for (const asset of project.assets.values()) {
    if (touches(asset.code) || touches(asset.inputs) || asset.deps.some((dep) => changedSources.has(dep)) || definitionEdited(asset))
      assets.add(asset.name);
  }
  return assets;
}

// src/app/pipeline.ts
import os from "node:os";

// src/app/merged-version.ts
async function mergedHere(question) {
  const { record, where } = question;
  const place = await historyPlace(question.lineage, record);
  if (place === "ancestor") return { merged: true };
  if (await brought(question, record, /* @__PURE__ */ new Set())) return { merged: true };
  const byHand = `\`kiln promote ${record.asset} v${record.version}\` promotes it by hand`;
  return {
    merged: false,
    reason: place === "elsewhere" ? `v${record.version} is not promoted on merge: it was trained on ${where}, whose commit is not on this checkout's history (not merged), and it changes nothing ${record.asset} is built from on this branch; ${byHand}` : `v${record.version} is not promoted on merge: it was trained on ${where}, it changes nothing ${record.asset} is built from on this branch, and this clone cannot tell whether its commit was merged (a shallow clone: check out with fetch-depth: 0); ${byHand}`
  };
}
function ownDefinition(provenance) {
  const { codeVersion: codeVersion2, config, env, inputs, outputs } = provenance;
  return canonicalJson({ codeVersion: codeVersion2, config, env, inputs, outputs: outputs ?? null });
}
async function brought(question, record, seen) {
  if (seen.has(record.asset)) return false;
  seen.add(record.asset);
  const all = await question.ledger.materializations(record.asset);
  const onLine = await lineageFilter(question.lineage, [record, ...all]);
  if (onLine(record)) return false;
  const own = ownDefinition(record.provenance);
  const built = all.some(
    (r) => r.version !== record.version && !isExperiment(r) && onLine(r, r.asset) && ownDefinition(r.provenance) === own
  );
  if (!built) return true;
  for (const [dep, dataVersion2] of Object.entries(record.provenance.deps)) {
    if (dep.includes("@")) continue;
    const current = await question.currentRecord(dep);
    if (current?.dataVersion === dataVersion2 && await brought(question, current, seen)) return true;
  }
  return false;
}

// src/ledger/run-view.ts
var Answers = class {
  byAsset = /* @__PURE__ */ new Map();
  get(asset, key, read) {
    let answers = this.byAsset.get(asset);
    if (!answers) {
      answers = /* @__PURE__ */ new Map();
      this.byAsset.set(asset, answers);
    }
    let answer = answers.get(key);
    if (!answer) {
      answer = read();
      answers.set(key, answer);
      answer.catch(() => {
        if (answers.get(key) === answer) answers.delete(key);
      });
    }
    return answer;
  }
  drop(asset) {
    this.byAsset.delete(asset);
  }
  clear() {
    this.byAsset.clear();
  }
};
var RunLedgerView = class {
  constructor(inner) {
    this.inner = inner;
    this.description = inner.description;
    if (inner.aliasedAssets)
      this.aliasedAssets = async () => {
        const aliased = await this.aliasedListing();
        if (!aliased) throw new Error(`cannot list the assets with an alias history in ${this.description}`);
        return /* @__PURE__ */ new Set([...aliased, ...this.movedAliases]);
      };
  }
  inner;
  description;
  heads_ = new Answers();
  headLogs = new Answers();
  records = new Answers();
  record = new Answers();
  intact = new Answers();
  failures_ = new Answers();
  aliases = new Answers();
  locations_ = new Answers();
  cursors = new Answers();
  /**
   * The assets with an alias history when the run first asked (ledgers that can list them): the
   * others have none to read, so a report of thousands of assets asks the disk once, not once per
   * asset. An asset this run moves an alias of is read as usual from then on.
   */
  aliased;
  movedAliases = /* @__PURE__ */ new Set();
  /**
   * The assets with an alias history as the run first listed them, and those it moved an alias of
   * since: the assets aliasState() reads. Only over a ledger that can list them.
   */
  aliasedAssets;
  aliasedListing() {
    this.aliased ??= this.inner.aliasedAssets().catch(() => void 0);
    return this.aliased;
  }
  // ---- reads, each made once per run ----
  async heads(asset) {
    return [...await this.heads_.get(asset, "", () => this.inner.heads(asset))];
  }
  /** Kept like the heads: a HeadLog parses each head once, whoever asks for it. */
  headLog(asset) {
    return this.headLogs.get(asset, "", () => headLogOf(this.inner, asset));
  }
  async materializations(asset) {
    return [...await this.records.get(asset, "", () => this.inner.materializations(asset))];
  }
  materialization(asset, version) {
    return this.record.get(asset, String(version), () => this.inner.materialization(asset, version));
  }
  /**
   * Passed on, so a run checks the records it does not use whole the way status does (the local
   * ledger only hashes bytes it found intact before); a ledger without it reads the record.
   */
  recordIntact(asset, version) {
    return this.intact.get(
      asset,
      String(version),
      () => this.inner.recordIntact ? this.inner.recordIntact(asset, version) : this.materialization(asset, version).then((r) => r !== void 0)
    );
  }
  /** Not kept: a series can be long, and only a report of what the run built reads it, once. */
  series(record) {
    return this.inner.series(record);
  }
  async failures(asset) {
    return [...await this.failures_.get(asset, "", () => this.inner.failures(asset))];
  }
  async aliasState(asset) {
    if (this.inner.aliasedAssets && !this.movedAliases.has(asset)) {
      const aliased = await this.aliasedListing();
      if (aliased && !aliased.has(asset)) return { history: [], damage: [] };
    }
    const { history, damage } = await this.aliases.get(asset, "", () => this.inner.aliasState(asset));
    return { history: [...history], damage: [...damage] };
  }
  async aliasHistory(asset) {
    return (await this.aliasState(asset)).history;
  }
  async locations(asset, version) {
    return [
      ...await this.locations_.get(asset, String(version), () => this.inner.locations(asset, version))
    ];
  }
  readCursor(scope) {
    return this.cursors.get(scope.name, scope.formerly ?? "", () => this.inner.readCursor(scope));
  }
  problems() {
    return this.inner.problems();
  }
  // ---- writes, each dropping what it changes ----
  async recordMaterialization(record) {
    try {
      return await this.inner.recordMaterialization(record);
    } finally {
      this.dropAsset(record.asset);
    }
  }
  async recordFailure(record) {
    try {
      return await this.inner.recordFailure(record);
    } finally {
      this.failures_.drop(record.asset);
    }
  }
  refreshAliases(asset) {
    this.movedAliases.add(asset);
    this.aliases.drop(asset);
    this.inner.refreshAliases?.(asset);
  }
  async moveAlias(event) {
    this.movedAliases.add(event.asset);
    try {
      return await this.inner.moveAlias(event);
    } finally {
      this.aliases.drop(event.asset);
    }
  }
  async addLocations(asset, version, locations) {
    try {
      await this.inner.addLocations(asset, version, locations);
    } finally {
      this.locations_.drop(asset);
    }
  }
  async updateCursor(changes) {
    try {
      await this.inner.updateCursor(changes);
    } finally {
      this.cursors.drop(changes.scope.name);
    }
  }
  /** Reads what others wrote since: the backend refreshes, and every kept answer is dropped. */
  async refresh() {
    await this.inner.refresh?.();
    for (const answers of [
      this.heads_,
      this.headLogs,
      this.records,
      this.record,
      this.intact,
      this.failures_,
      this.aliases,
      this.locations_,
      this.cursors
    ])
      answers.clear();
    this.aliased = void 0;
  }
  dropAsset(asset) {
    this.heads_.drop(asset);
    this.headLogs.drop(asset);
    this.records.drop(asset);
    this.record.drop(asset);
    this.intact.drop(asset);
    this.aliases.drop(asset);
  }
};
function runLedgerView(ledger) {
  return ledger instanceof RunLedgerView ? ledger : new RunLedgerView(ledger);
}

// src/app/pipeline.ts
function selectAssets(assessment, terms) {
  const selected = select(assessment.graph, terms);
  if (!selected.ok) return selected;
  return { ok: true, assets: selected.assets, explicit: terms.length > 0 };
}
function experimentSelection(selection, assessment, overrides) {
  const overridden = [...overrides.byAsset.keys()];
  if (overridden.length === 0) return { ok: true, selection: [...selection] };
  if (selection.length === 0) return { ok: true, selection: overridden };
  const selected = select(assessment.graph, selection);
  if (!selected.ok) return selected;
  const outside = overridden.filter((name) => !selected.assets.has(name));
  if (outside.length > 0)
    return {
      ok: false,
      error: `config is set for ${outside.join(", ")}, which ${outside.length > 1 ? "are" : "is"} not in the selection ${selection.join(" ")}`,
      hint: `add ${outside.join(" ")} to the selection, or leave the selection empty to run just the assets whose config is set`
    };
  return { ok: true, selection: [...selection] };
}
async function planWorkspace(workspace, options) {
  const assessment = await assessWorkspace(workspace, options.env, options.overrides);
  const experiment = options.overrides !== void 0 && options.overrides.texts.length > 0;
  let selection = options.selection;
  if (experiment && options.experimentSelection) {
    const chosen = experimentSelection(selection, assessment, options.overrides);
    if (!chosen.ok) return { ok: false, error: chosen.error, hint: chosen.hint };
    selection = chosen.selection;
  }
  const selected = selectAssets(assessment, selection);
  if (!selected.ok) return { ok: false, error: selected.error, hint: selected.hint };
  const plan = await planRun({
    project: workspace.project,
    assessment,
    ledger: workspace.ledger,
    selection: selected.assets,
    explicit: selected.explicit,
    force: options.force,
    tick: options.tick,
    scope: cursorScope(workspace),
    experiment,
    runId: options.env.GITHUB_RUN_ID,
    runAttempt: runAttemptOf(options.env),
    gitSha: workspace.git.sha,
    pullRequest: await pullRequestChanges(workspace, assessment, options.env)
  });
  return { ok: true, assessment, plan };
}
function assessWorkspace(workspace, env, overrides) {
  return assessProject({
    project: workspace.project,
    ledger: workspace.ledger,
    environment: workspace.environment,
    env,
    overrides,
    outputsAvailable: (record) => workspace.stores.available(record),
    lineage: workspaceLineage(workspace),
    gitRoot: workspace.git.root ?? null,
    files: workspace.reads?.takeFiles()
  });
}
async function decidedPlan(workspace, decided, tick, env, overrides) {
  const assessment = await assessWorkspace(workspace, env, overrides);
  const assets = /* @__PURE__ */ new Map();
  for (const [name, decision] of decided) {
    const state = assessment.assets.get(name);
    if (!state) return { ok: false, error: `unknown asset "${name}"` };
    assets.set(name, {
      status: state.status,
      run: true,
      request: decision.request,
      reasons: [...decision.reason ? [decision.reason] : [], ...state.reasons]
    });
  }
  return {
    ok: true,
    assessment,
    plan: {
      tick,
      assets,
      // An asset job records only the ticks its assets met by early cutoff (see the function).
      commit: (fresh) => handleRequestsFoundFresh({
        ledger: workspace.ledger,
        scope: cursorScope(workspace),
        run: env.GITHUB_RUN_ID,
        tick,
        fresh: fresh ?? /* @__PURE__ */ new Set()
      })
    }
  };
}
async function runPipeline(options) {
  const { tick } = options;
  const workspace = { ...options.workspace, ledger: runLedgerView(options.workspace.ledger) };
  if (workspace.event !== tick.event)
    throw new Error(`bug: workspace opened for ${workspace.event}, run at a ${tick.event} tick`);
  const running = () => Promise.all([import("./executor-6OXQH2FJ.js"), import("./step-spawner-HA7ECGB4.js")]).then(
    ([{ execute }, { stepSpawner }]) => ({ execute, stepSpawner })
  );
  let engine;
  const { restoreFreshAssets } = await import("./restore-EKRDP5AS.js");
  if (options.force || options.selection.length > 0 || (options.decided?.size ?? 0) > 0) {
    engine = running();
    (await engine).stepSpawner().warm();
  }
  const completed = await completePromotions(workspace, options, tick);
  const planNow = () => options.decided ? decidedPlan(workspace, options.decided, tick, options.env, options.overrides) : planWorkspace(workspace, {
    selection: options.selection,
    force: options.force,
    tick,
    env: options.env,
    overrides: options.overrides,
    experimentSelection: options.experimentSelection
  });
  let planned = await planNow();
  if (!planned.ok) return planned;
  if ([...planned.plan.assets.values()].some((entry) => entry.run)) {
    engine ??= running();
    (await engine).stepSpawner().warm();
  }
  const held = [];
  const merged = await promoteCurrentVersions(
    workspace,
    planned,
    {
      by: options.env.GITHUB_ACTOR ?? options.env.USER ?? "kiln",
      run: options.context?.runUrl ?? options.context?.runId,
      at: tickClock(tick)()
    },
    (promotion) => held.push(promotion)
  );
  completed.push(...merged);
  if (readsMovedAlias(workspace, merged)) {
    planned = await planNow();
    if (!planned.ok) return planned;
  }
  const { assessment, plan } = planned;
  await ignoreKilnDir(workspace.kilnDir);
  const context = {
    event: tick.event,
    environment: workspace.environment,
    gitSha: workspace.git.sha,
    ref: workspace.git.branch,
    actor: options.env.GITHUB_ACTOR ?? options.env.USER,
    ...options.context
  };
  const toRun = /* @__PURE__ */ new Map();
  const requested = /* @__PURE__ */ new Set();
  for (const [name, entry] of plan.assets) {
    if (entry.run) toRun.set(name, entry.reasons);
    if (entry.run && entry.request) requested.add(name);
  }
  await readDependencyRecords(assessment, workspace, new Set(toRun.keys()));
  const now = tickClock(tick);
  engine ??= toRun.size > 0 ? running() : void 0;
  const execution = !engine ? nothingToExecute(options) : await (await engine).execute({
    project: workspace.project,
    environment: workspace.environment,
    order: assessment.graph.order,
    planned: toRun,
    assessments: assessment.assets,
    reassess: assessment.reassess,
    versionAt: assessment.versionAt,
    dataVersions: assessment.dataVersions,
    ledger: workspace.ledger,
    stores: workspace.stores,
    context,
    promotionBlocker: (name) => {
      const spec = workspace.project.assets.get(name)?.promote;
      return spec ? assetPromotionBlocker(workspace.decision, spec) : void 0;
    },
    overrides: options.overrides,
    requested,
    runElsewhere: options.runElsewhere,
    heldBackElsewhere: options.heldBackElsewhere,
    readCurrent: currentReads(
      workspace.project,
      assessment,
      /* @__PURE__ */ new Set([...toRun.keys(), ...options.runElsewhere ?? []])
    ),
    notRetried: (name, state) => {
      const failure = handledFailure(
        workspace.project.assets.get(name),
        state.failedAtVersion,
        options.context?.runId ?? options.env.GITHUB_RUN_ID
      );
      return failure && failureHolds(failure, now()) ? notRetriedMessage(name, failure) : void 0;
    },
    now,
    jobs: options.jobs ?? os.availableParallelism(),
    reporter: options.reporter,
    runsDir: workspace.runsDir,
    signal: options.signal,
    baseEnv: options.env
  });
  const committed = execution.cancelled ? void 0 : plan.commit(options.decided ? freshAssets(execution) : handledAssets(execution));
  committed?.catch(() => {
  });
  let restored = [];
  if (options.restoreFresh) {
    const fresh = execution.cancelled ? [] : [...plan.assets].filter(([name, entry]) => entry.status === "fresh" && !execution.outcomes.has(name)).map(([name]) => assessment.assets.get(name)?.current).filter((current) => current !== void 0);
    const readThroughAlias = aliasReadsOf(workspace.project, assessment, execution);
    restored = await restoreFreshAssets(
      workspace.project.root,
      [...fresh.filter((current) => !readThroughAlias.has(current.asset)), ...readThroughAlias.values()],
      workspace.stores
    );
  }
  const madeStale = await staleAfterRun(workspace, assessment, plan, execution);
  await committed;
  const experiment = options.overrides?.texts.length ? options.overrides.texts : void 0;
  return {
    ok: true,
    result: {
      assessment,
      plan,
      execution,
      context,
      restored,
      madeStale,
      experiment,
      completed,
      held,
      ledger: workspace.ledger
    }
  };
}
async function staleAfterRun(workspace, assessment, plan, execution) {
  const stale = /* @__PURE__ */ new Map();
  for (const [name, entry] of plan.assets) {
    if (entry.run || entry.status !== "fresh" || execution.outcomes.has(name)) continue;
    const spec = workspace.project.assets.get(name);
    const moved = {};
    for (const dep of spec?.deps ?? []) {
      if (spec?.depAliases[dep] !== void 0) continue;
      const ran = execution.outcomes.get(dep);
      if (ran?.outcome === "success" && ran.record) moved[dep] = ran.record.dataVersion;
    }
    if (Object.keys(moved).length === 0) continue;
    const now = await assessment.reassess(name, moved);
    if (now.status !== "fresh") stale.set(name, now.reasons);
  }
  return stale;
}
function handledAssets(execution) {
  const handled = /* @__PURE__ */ new Set();
  for (const [name, ran] of execution.outcomes) {
    const beforeItsVersion = ran.outcome === "failed" && ran.failure?.logicalVersion === "";
    if ((ran.outcome === "success" || ran.outcome === "failed" || ran.outcome === "fresh") && !beforeItsVersion)
      handled.add(name);
  }
  return handled;
}
function freshAssets(execution) {
  return new Set([...execution.outcomes].filter(([, ran]) => ran.outcome === "fresh").map(([name]) => name));
}
function nothingToExecute(options) {
  options.reporter.close();
  return { outcomes: /* @__PURE__ */ new Map(), cancelled: options.signal?.aborted ?? false };
}
async function promoteCurrentVersions(workspace, planned, move, held) {
  const done = [];
  const lineage = workspaceLineage(workspace);
  for (const [name, entry] of planned.plan.assets) {
    if (entry.run || entry.status !== "fresh") continue;
    const spec = workspace.project.assets.get(name)?.promote;
    if (!spec || assetPromotionBlocker(workspace.decision, spec)) continue;
    const record = await planned.assessment.currentRecord(name);
    if (!record) continue;
    const { promoteCurrentVersion, trainedWhere } = await import("./promote-MAC7HBQB.js");
    const outcome = await promoteCurrentVersion({
      ledger: workspace.ledger,
      spec,
      record,
      environment: workspace.environment,
      branch: workspace.git.branch,
      ...move,
      merged: () => mergedHere({
        record,
        where: trainedWhere(record),
        lineage,
        ledger: workspace.ledger,
        currentRecord: (asset) => planned.assessment.currentRecord(asset)
      }),
      held: (reason) => held?.({ asset: name, reason })
    });
    if (outcome) done.push({ asset: name, outcome });
  }
  return done;
}
async function readDependencyRecords(assessment, workspace, running) {
  const deps = /* @__PURE__ */ new Set();
  for (const name of running)
    for (const dep of workspace.project.assets.get(name)?.deps ?? [])
      if (workspace.project.assets.has(dep) && !running.has(dep)) deps.add(dep);
  await Promise.all(
    [...deps].map(async (dep) => {
      const state = assessment.assets.get(dep);
      if (!state?.current || state.latest) return;
      const latest = await assessment.currentRecord(dep);
      if (latest) assessment.assets.set(dep, { ...state, latest });
    })
  );
}
function aliasReadsOf(project, assessment, execution) {
  const reads = /* @__PURE__ */ new Map();
  for (const [name, ran] of execution.outcomes) {
    if (ran.outcome === "fresh" || ran.outcome === "skipped") continue;
    for (const dep of Object.keys(project.assets.get(name)?.depAliases ?? {})) {
      if (reads.has(dep)) continue;
      const own = execution.outcomes.get(dep);
      const current = own ? own.outcome === "success" || own.outcome === "fresh" ? own.record : void 0 : assessment.assets.get(dep)?.status === "fresh" ? assessment.assets.get(dep)?.current : void 0;
      if (current) reads.set(dep, current);
    }
  }
  return reads;
}
function readsMovedAlias(workspace, moves) {
  return moves.some(
    ({ asset, outcome }) => [...workspace.project.assets.values()].some((a) => a.depAliases[asset] === outcome.verdict.alias)
  );
}
async function completePromotions(workspace, options, tick) {
  const completed = [];
  for (const asset of workspace.project.assets.values()) {
    if (!asset.promote || assetPromotionBlocker(workspace.decision, asset.promote)) continue;
    const { completeInterruptedPromotions } = await import("./promote-MAC7HBQB.js");
    const moves = await completeInterruptedPromotions({
      ledger: workspace.ledger,
      asset: asset.name,
      spec: asset.promote,
      by: options.env.GITHUB_ACTOR ?? options.env.USER ?? "kiln",
      run: options.context?.runUrl ?? options.context?.runId,
      at: tickClock(tick)()
    });
    for (const outcome of moves) completed.push({ asset: asset.name, outcome });
  }
  return completed;
}

export {
  splitConfigInput,
  overridesFrom,
  OVERRIDES_HINT,
  dependencyRecord,
  require_picomatch2 as require_picomatch,
  projectFiles,
  outputFilter,
  unmatchedWarning,
  UNMATCHED_HINT,
  unmatchedPatterns,
  lineageFilter,
  headsAsTakenUp,
  MAX_TAIL_LINE_BYTES,
  truncateLine,
  SecretMasker,
  OutputMasker,
  knownSecretsMasker,
  inGitHubActions,
  stepBaseEnvironment,
  ObserveError,
  observeSource,
  dataVersion,
  assessProject,
  backoffDelay,
  jittered,
  repeatsEarlierFailure,
  loadCron,
  nextTick,
  planRun,
  pullRequestChanges,
  RunLedgerView,
  planWorkspace,
  assessWorkspace,
  runPipeline,
  promoteCurrentVersions
};
