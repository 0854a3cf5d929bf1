import { createRequire as __kilnCreateRequire } from "node:module";
const require = __kilnCreateRequire(import.meta.url);
import {
  minuteTime,
  tickClock
} from "./chunk-YCJ7GVD5.js";
import {
  PROD,
  dependencyRef,
  mergeConfig,
  prodBranches,
  refAsset,
  resolveConfig,
  resolveEnv
} from "./chunk-LXDUWDU6.js";
import {
  buildGraph,
  closest,
  select
} from "./chunk-CZZZSMQQ.js";
import {
  KILN_DIR_NAME,
  MANIFEST_NAMES,
  UserError,
  ancestryOf,
  cacheFile,
  cacheStamp,
  checkout,
  checkoutFiles,
  filesNamed,
  fromSystemError,
  hashObjects,
  headCommit,
  headHistory,
  ignoreKilnDir,
  ignoredFiles,
  isSystemError,
  kilnDir,
  kilnTempDir,
  makeStateDir,
  makeStateDirSync,
  onceAfterBurst,
  readCacheText,
  remoteUrl,
  repoRoot,
  sha256,
  writeCacheText
} from "./chunk-4IANUJQ2.js";
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
    exports.basename = (path17, { windows } = {}) => {
      const segs = path17.split(windows ? /[\\/]/ : "/");
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
    var constants2 = require_constants();
    var utils = require_utils();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants2;
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
      const max = typeof options.maxExtglobRecursion === "number" ? options.maxExtglobRecursion : constants2.DEFAULT_MAX_EXTGLOB_RECURSION;
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
      const PLATFORM_CHARS = constants2.globChars(opts.windows);
      const EXTGLOB_CHARS = constants2.extglobChars(PLATFORM_CHARS);
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
          const open3 = tokens[token.tokensIndex];
          open3.type = "text";
          open3.value = literal;
          open3.output = safeOutput || utils.escapeRegex(literal);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open3.output;
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
          const open3 = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open3);
          push(open3);
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
      } = constants2.globChars(opts.windows);
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
    var constants2 = require_constants();
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
    picomatch2.constants = constants2;
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
  for (const { asset: name, path: path17, raw } of assignments) {
    const key = `${name}.${path17.join(".")}`;
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
    for (const [i, segment] of path17.entries()) {
      if (!isObject(node2)) {
        problem = `${path17.slice(0, i).join(".")} is ${jsonType(node2)}, not an object with keys`;
        break;
      }
      if (!(segment in node2)) {
        const keys = Object.keys(node2);
        const suggestion = closest(segment, keys);
        const where = i === 0 ? `${name} has no config key` : `${path17.slice(0, i).join(".")} has no key`;
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
    byAsset.set(name, [...byAsset.get(name) ?? [], { asset: name, path: path17, value: parsed.value }]);
    texts.push(`${key}=${JSON.stringify(parsed.value)}`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, overrides: { byAsset, texts } };
}
function applyOverrides(config, overrides) {
  let merged = config;
  for (const { path: path17, value } of overrides ?? []) {
    const patch = {};
    let node2 = patch;
    for (const segment of path17.slice(0, -1)) node2 = node2[segment] = {};
    node2[path17.at(-1)] = value;
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

// src/ledger/aliases.ts
function replayAliases(events, versions) {
  const holders = /* @__PURE__ */ new Map();
  const effective = [];
  const seen = /* @__PURE__ */ new Set();
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    if ((holders.get(event.alias) ?? null) !== event.from) continue;
    holders.set(event.alias, event.to);
    effective.push(event);
  }
  const missing = /* @__PURE__ */ new Map();
  for (const [alias, version] of holders)
    if (version !== null && !versions.has(version)) missing.set(alias, version);
  return { effective, missing };
}
function missingHolderDamage(asset, file, missing) {
  return [...missing].map(([alias, version]) => ({
    path: file,
    message: `${alias} names ${asset} v${version}, which has no readable record; promotion of ${asset} stops until it is repaired`,
    fix: `restore v${version}'s record from a backup or the ledger branch's history, or point ${alias} at a good version with \`kiln promote ${asset} vN${alias === "champion" ? "" : ` --alias ${alias}`}\``
  }));
}
function unreadableLineDamage(asset, where, message) {
  return {
    path: where,
    message: `${message}; moves after it may be void, so promotion of ${asset} stops until it is repaired`,
    fix: `restore the line from a backup or the ledger branch's history; if it was a move cut short by a crash, delete it. Then check \`kiln aliases ${asset}\``
  };
}
function aliasHolder(history, alias) {
  return aliasHolders(history).get(alias) ?? null;
}
function promotionMove(history, alias, version) {
  return history.find(
    (e) => e.alias === alias && e.to === version && (e.kind ?? "promotion") === "promotion"
  );
}
function aliasHolders(history) {
  const holders = /* @__PURE__ */ new Map();
  for (const event of history) holders.set(event.alias, event.to);
  const held = /* @__PURE__ */ new Map();
  for (const [alias, version] of holders) if (version !== null) held.set(alias, version);
  return held;
}
function rollbackStack(history, alias) {
  const stack = [];
  for (const event of history) {
    if (event.alias !== alias) continue;
    if (event.to === null) {
      stack.length = 0;
      continue;
    }
    if (event.kind === "rollback") {
      const at = stack.lastIndexOf(event.to);
      if (at >= 0) {
        stack.length = at + 1;
        continue;
      }
    }
    if (stack.at(-1) !== event.to) stack.push(event.to);
  }
  return stack;
}

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

// src/domain/records.ts
var RECORD_SCHEMA = 1;
function isExperiment(record) {
  return record.context?.experiment !== void 0;
}
function headOf(record) {
  return {
    version: record.version,
    logicalVersion: record.logicalVersion,
    dataVersion: record.dataVersion,
    codeVersion: record.provenance.codeVersion,
    context: record.context,
    metrics: record.metrics,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    ...record.promotion?.promote ? { promotes: record.promotion.alias } : {},
    ...record.provenance.outputs === void 0 && Object.keys(record.outputs ?? {}).length > 0 ? { undeclaredOutputs: true } : {},
    deps: record.provenance.deps,
    outputs: record.outputs ?? {},
    locations: record.locations ?? []
  };
}

// src/ledger/records.ts
var schemas;
async function recordSchemas() {
  schemas ??= await import("./record-schemas-K2T3N6QU.js");
  return schemas;
}
var RecordSchemasNeeded = class extends Error {
  constructor() {
    super("bug: a record needs zod's schemas before they were loaded (read it inside withRecordSchemas)");
  }
};
function schemasNow() {
  if (!schemas) throw new RecordSchemasNeeded();
  return schemas;
}
async function withRecordSchemas(read) {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof RecordSchemasNeeded)) throw error;
    await recordSchemas();
    return read();
  }
}
function isHead(data) {
  if (typeof data !== "object" || data === null) return false;
  const h = data;
  const context = h.context;
  const metrics = h.metrics;
  return typeof h.version === "number" && Number.isInteger(h.version) && h.version > 0 && typeof h.logicalVersion === "string" && typeof h.dataVersion === "string" && typeof h.codeVersion === "string" && typeof h.startedAt === "string" && typeof h.finishedAt === "string" && typeof context === "object" && context !== null && typeof context.event === "string" && typeof context.environment === "string" && typeof metrics === "object" && metrics !== null && Object.values(metrics).every((v) => typeof v === "number") && (h.promotes === void 0 || typeof h.promotes === "string") && (h.undeclaredOutputs === void 0 || h.undeclaredOutputs === true);
}
var isRecordOf = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
function isComplete(head) {
  const { deps, outputs, locations } = head;
  return isRecordOf(deps) && Object.values(deps).every((v) => typeof v === "string") && isRecordOf(outputs) && Object.values(outputs).every(
    (o) => isRecordOf(o) && typeof o.blob === "string" && typeof o.size === "number"
  ) && Array.isArray(locations) && locations.every((l) => isRecordOf(l) && typeof l.kind === "string" && typeof l.ref === "string");
}
function isPlain(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function allValues(value, check) {
  if (!isPlain(value)) return false;
  for (const key in value) if (!check(value[key])) return false;
  return true;
}
var isString = (v) => typeof v === "string";
var isNumber = (v) => typeof v === "number" && Number.isFinite(v);
var isInt = (v) => isNumber(v) && Number.isSafeInteger(v);
var isStrings = (v) => Array.isArray(v) && v.every(isString);
var CHECK_KINDS = /* @__PURE__ */ new Set(["metric", "output", "command"]);
var LOCATION_KINDS = /* @__PURE__ */ new Set(["local", "cache", "artifact", "release"]);
function onlyKeys(value, allowed) {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}
var PROVENANCE_KEYS = /* @__PURE__ */ new Set([
  "codeVersion",
  "code",
  "runHash",
  "config",
  "env",
  "inputs",
  "deps",
  "overrides",
  "outputs"
]);
var CHECK_KEYS = /* @__PURE__ */ new Set(["name", "kind", "blocking", "passed", "message"]);
var OUTPUT_KEYS = /* @__PURE__ */ new Set(["blob", "size"]);
var SERIES_FILE_KEYS = /* @__PURE__ */ new Set(["path", "points"]);
function isProvenance(p) {
  return isPlain(p) && onlyKeys(p, PROVENANCE_KEYS) && isString(p.codeVersion) && allValues(p.code, isString) && isString(p.runHash) && allValues(p.config, () => true) && allValues(p.env, isString) && allValues(p.inputs, isString) && allValues(p.deps, isString) && (p.overrides === void 0 || allValues(p.overrides, () => true)) && (p.outputs === void 0 || isStrings(p.outputs));
}
function isCheck(c) {
  return isPlain(c) && onlyKeys(c, CHECK_KEYS) && isString(c.name) && CHECK_KINDS.has(c.kind) && typeof c.blocking === "boolean" && typeof c.passed === "boolean" && isString(c.message);
}
var isPoint = (p) => isPlain(p) && isNumber(p.step);
function isPromotion(p) {
  return isPlain(p) && isString(p.alias) && typeof p.promote === "boolean" && isString(p.reason) && (p.against === void 0 || isInt(p.against) && p.against > 0) && (p.blocked === void 0 || typeof p.blocked === "boolean");
}
function isMaterialization(data) {
  if (!isPlain(data)) return false;
  const d = data;
  const context = d.context;
  const seriesFile = d.seriesFile;
  return d.schema === RECORD_SCHEMA && isString(d.asset) && isInt(d.version) && d.version > 0 && d.status === "success" && isString(d.logicalVersion) && isString(d.dataVersion) && isProvenance(d.provenance) && allValues(d.metrics, isNumber) && Array.isArray(d.checks) && d.checks.every(isCheck) && isStrings(d.reasons) && isPlain(context) && isString(context.event) && isString(context.environment) && isString(d.startedAt) && isString(d.finishedAt) && isNumber(d.durationMs) && isNumber(d.attempts) && allValues(
    d.outputs,
    (o) => isPlain(o) && onlyKeys(o, OUTPUT_KEYS) && isString(o.blob) && isNumber(o.size)
  ) && Array.isArray(d.locations) && d.locations.every((l) => isPlain(l) && LOCATION_KINDS.has(l.kind) && isString(l.ref)) && Array.isArray(d.series) && d.series.every(isPoint) && (seriesFile === void 0 || isPlain(seriesFile) && onlyKeys(seriesFile, SERIES_FILE_KEYS) && isString(seriesFile.path) && isInt(seriesFile.points) && seriesFile.points >= 0) && (d.seriesPreview === void 0 || Array.isArray(d.seriesPreview) && d.seriesPreview.every(isPoint)) && (d.promotion === void 0 || isPromotion(d.promotion));
}
function expectedRecord(record, expected) {
  if (record.asset !== expected.asset || record.version !== expected.version) {
    return {
      ok: false,
      error: `holds ${record.asset} v${record.version}, not ${expected.asset} v${expected.version}`
    };
  }
  return { ok: true, value: record };
}
function parseMaterialization(data, expected) {
  if (isMaterialization(data)) return expectedRecord(data, expected);
  const { materialization, explain } = schemasNow();
  const parsed = materialization().safeParse(data);
  if (!parsed.success) return { ok: false, error: explain(parsed.error) };
  return expectedRecord(parsed.data, expected);
}
async function parseFailure(data, asset) {
  const { failure, explain } = await recordSchemas();
  const parsed = failure().safeParse(data);
  if (!parsed.success) return { ok: false, error: explain(parsed.error) };
  if (parsed.data.asset !== asset)
    return { ok: false, error: `holds a failure of ${parsed.data.asset}, not ${asset}` };
  return { ok: true, value: parsed.data };
}
function parseAliasLine({ aliasEvent }, line, asset) {
  let data;
  try {
    data = JSON.parse(line);
  } catch {
    return { ok: false, error: "an unreadable alias line (cut short by a crash?); skipped" };
  }
  const parsed = aliasEvent().safeParse(data);
  if (!parsed.success || parsed.data.asset !== asset)
    return { ok: false, error: "not a Kiln alias event; skipped" };
  return { ok: true, value: parsed.data };
}
async function parseCursor(text) {
  const { cursor, explain } = await recordSchemas();
  try {
    const parsed = cursor().safeParse(JSON.parse(text));
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: explain(parsed.error) };
  } catch {
    return { ok: false, error: "not valid JSON" };
  }
}
async function cursorOf(scope, text, problem) {
  const parsed = await parseCursor(text);
  if (!parsed.ok) {
    problem(`${parsed.error}; the automation cursors start over`);
    return void 0;
  }
  return parsed.value.scope === scope ? parsed.value : void 0;
}
async function parseAliasLog(text, asset) {
  const loaded = await recordSchemas();
  const events = [];
  const problems = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = parseAliasLine(loaded, line, asset);
    if (parsed.ok) events.push(parsed.value);
    else problems.push({ line: i + 1, message: parsed.error });
  });
  return { events, problems };
}
function readJsonLines(text, kind, expected, check) {
  const values = [];
  const problems = [];
  eachLine(text, (line, number) => {
    if (!line.trim()) return;
    const read = readJsonLine(line, kind, expected, check);
    if ("value" in read) values.push(read.value);
    else problems.push({ line: number, message: read.problem });
  });
  return { values, problems };
}
function readJsonLine(line, kind, expected, check) {
  let data;
  try {
    data = JSON.parse(line);
  } catch {
    return { problem: `an unreadable ${kind} line (cut short by a crash?); skipped` };
  }
  return check(data) ? { value: data } : { problem: `not ${expected}; skipped` };
}
async function parseLocationLog(text) {
  const { storeLocation } = await recordSchemas();
  const read = readJsonLines(
    text,
    "location",
    "a store location",
    (data) => storeLocation().safeParse(data).success
  );
  return { locations: read.values, problems: read.problems };
}
var HEAD_LINE_FIX = "delete the line: a head is an index entry rebuilt from its version's record, which stays the truth";
function parseHeadLog(text) {
  const heads = /* @__PURE__ */ new Map();
  const problems = [];
  eachLine(text, (line, number) => {
    if (!line.trim()) return;
    const read = parseHeadLine(line);
    if ("problem" in read) problems.push({ line: number, message: read.problem });
    else if ("head" in read && !heads.has(read.head.version)) heads.set(read.head.version, read.head);
  });
  return { heads, problems };
}
function parseHeadLine(line) {
  const read = readJsonLine(line, "head", "a version head", isHead);
  if ("problem" in read) return read;
  return isComplete(read.value) ? { head: read.value } : { incomplete: true };
}
function parseSeriesText(text) {
  const points = [];
  const problems = [];
  eachLine(text, (line, number) => {
    if (!line.trim()) return;
    try {
      const point = JSON.parse(line);
      if (typeof point === "object" && point !== null && typeof point.step === "number") points.push(point);
      else problems.push({ line: number, message: "not a series point; skipped" });
    } catch {
      problems.push({ line: number, message: "an unreadable series line; skipped" });
    }
  });
  return { points, problems };
}
function eachLine(text, visit) {
  let start = 0;
  let number = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    number++;
    if (visit(text.slice(start, end), number) === false) return;
    start = end + 1;
  }
}

// src/ledger/packs.ts
var PACK_VERSIONS = 100;
var PACKED_SERIES_MAX_BYTES = 256 * 1024;
function blockOf(version) {
  return Math.floor((version - 1) / PACK_VERSIONS);
}
function blockRange(block) {
  return { first: block * PACK_VERSIONS + 1, last: (block + 1) * PACK_VERSIONS };
}
function completedBlocks(highest) {
  return Math.floor(highest / PACK_VERSIONS);
}
function packName(block) {
  const { first, last } = blockRange(block);
  return `pack-v${first}-v${last}.jsonl`;
}
function packBlock(name) {
  const match = /^pack-v([1-9]\d{0,8})-v([1-9]\d{0,8})\.jsonl$/.exec(name);
  if (!match) return void 0;
  const block = blockOf(Number(match[1]));
  const { first, last } = blockRange(block);
  return first === Number(match[1]) && last === Number(match[2]) ? block : void 0;
}
function recordPackPath(asset, block) {
  return `materializations/${asset}/${packName(block)}`;
}
function seriesPackPath(asset, block) {
  return `series/${asset}/${packName(block)}`;
}
function highestOfEntry(name, versionOf) {
  const block = packBlock(name);
  return block === void 0 ? versionOf(name) ?? 0 : blockRange(block).last;
}
function buildPacks(asset, block, loose, seriesText2) {
  const { first, last } = blockRange(block);
  const byVersion = new Map(loose.map((r) => [r.version, r.text]));
  const lines = [];
  const series = [];
  const paths = [];
  for (let version = first; version <= last; version++) {
    const text = byVersion.get(version);
    if (text === void 0) return { ok: false, error: `v${version} is missing` };
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, error: `v${version} is not valid JSON` };
    }
    const parsed = parseMaterialization(data, { asset, version });
    if (!parsed.ok) return { ok: false, error: `v${version} ${parsed.error}` };
    lines.push(JSON.stringify(data));
    const file = parsed.value.seriesFile?.path;
    const body = file === void 0 ? void 0 : seriesText2(file);
    if (file === void 0 || body === void 0 || Buffer.byteLength(body) > PACKED_SERIES_MAX_BYTES)
      continue;
    const points = parseSeriesText(body);
    if (points.problems.length > 0) continue;
    series.push(JSON.stringify({ version, path: file, points: points.points }));
    paths.push(file);
  }
  return {
    ok: true,
    value: {
      records: `${lines.join("\n")}
`,
      series: series.length > 0 ? { text: `${series.join("\n")}
`, paths } : void 0
    }
  };
}
function parseRecordPack(text, asset, block, report) {
  const { first, last } = blockRange(block);
  const size = last - first + 1;
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (lines.length !== size) {
    const held = Math.min(lines.length, size);
    report(
      held,
      held < size ? `cut short: holds ${held} of the ${size} versions v${first}\u2013v${last}; v${first + held}\u2013v${last} cannot be read from it` : `holds more lines than the ${size} versions v${first}\u2013v${last}; the rest is not read`
    );
  }
  const unreadable2 = /* @__PURE__ */ new Set();
  const record = (version) => {
    if (unreadable2.has(version)) return void 0;
    const i = version - first;
    let found;
    if (i >= 0 && i < Math.min(lines.length, size)) {
      let data;
      let json = true;
      try {
        data = JSON.parse(lines[i]);
      } catch (error) {
        json = false;
        report(i + 1, `v${version}: not valid JSON (${error.message})`);
      }
      if (json) {
        const parsed = parseMaterialization(data, { asset, version });
        if (parsed.ok) found = parsed.value;
        else report(i + 1, `v${version}: ${parsed.error}`);
      }
    }
    if (!found) unreadable2.add(version);
    return found;
  };
  return {
    record,
    whole: () => {
      let all = lines.length === size;
      for (let v = first; v <= last; v++) all = record(v) !== void 0 && all;
      return all;
    }
  };
}
var SERIES_LINE_HEAD = /^\{"version":([1-9]\d{0,8}),"path":("(?:[^"\\]|\\.)*"),"points":\[/;
function seriesEntry(line) {
  let data;
  try {
    data = JSON.parse(line);
  } catch {
    return "an unreadable series line; skipped";
  }
  if (typeof data === "object" && data !== null && typeof data.version === "number" && typeof data.path === "string" && Array.isArray(data.points) && data.points.every((p) => typeof p === "object" && p !== null && typeof p.step === "number"))
    return { version: data.version, path: data.path, points: data.points };
  return "not a version's series; skipped";
}
function parseSeriesPack(text, report) {
  const lines = text.split("\n");
  const byVersion = /* @__PURE__ */ new Map();
  const failed = /* @__PURE__ */ new Set();
  const bad = (index, message) => {
    if (failed.has(index)) return;
    failed.add(index);
    report(index + 1, message);
  };
  lines.forEach((line, index) => {
    if (line === "") return;
    const head = SERIES_LINE_HEAD.exec(line);
    if (head) {
      try {
        byVersion.set(Number(head[1]), { index, path: JSON.parse(head[2]) });
        return;
      } catch {
      }
    }
    const entry = seriesEntry(line);
    if (typeof entry === "string") bad(index, entry);
    else byVersion.set(entry.version, { index, path: entry.path });
  });
  const read = (version, at) => {
    if (failed.has(at.index)) return void 0;
    const entry = seriesEntry(lines[at.index]);
    if (typeof entry !== "string" && entry.version === version && entry.path === at.path)
      return { path: entry.path, points: entry.points };
    bad(at.index, typeof entry === "string" ? entry : `not the series of v${version}; skipped`);
    return void 0;
  };
  return {
    get: (version) => {
      const at = byVersion.get(version);
      return at ? read(version, at) : void 0;
    },
    find: (path17) => {
      for (const [version, at] of byVersion) if (at.path === path17) return read(version, at)?.points;
      return void 0;
    },
    paths: () => [...byVersion.values()].map((at) => at.path),
    whole: () => {
      let all = failed.size === 0;
      for (const [version, at] of byVersion) all = read(version, at) !== void 0 && all;
      return all;
    }
  };
}
var PACK_FIX = "the pack is written once and never changed: restore it from a backup or the ledger branch's history (the loose v<N>.json files it replaced, if any are left, are read in its place)";
function classifyEntries(names, versionOf) {
  const loose = /* @__PURE__ */ new Map();
  const listing = { loose, packs: /* @__PURE__ */ new Set(), foreign: [] };
  for (const name of names) {
    if (name.startsWith(".tmp-")) continue;
    const block = packBlock(name);
    if (block !== void 0) {
      listing.packs.add(block);
      continue;
    }
    const version = versionOf(name);
    if (version === void 0) listing.foreign.push(name);
    else loose.set(version, name);
  }
  return listing;
}
function listedVersions(listing) {
  if (listing.packs.size === 0) {
    const loose = Array.from(listing.loose.keys());
    for (let i = 1; i < loose.length; i++) if (loose[i - 1] > loose[i]) return loose.sort((a, b) => a - b);
    return loose;
  }
  const versions = new Set(listing.loose.keys());
  for (const block of listing.packs) {
    const { first, last } = blockRange(block);
    for (let v = first; v <= last; v++) versions.add(v);
  }
  return [...versions].sort((a, b) => a - b);
}
function hasGappedBlock(listing) {
  let highest = 0;
  for (const v of listing.loose.keys()) highest = Math.max(highest, v);
  for (const b of listing.packs) highest = Math.max(highest, blockRange(b).last);
  for (let block = 0; block < completedBlocks(highest); block++) {
    if (listing.packs.has(block)) continue;
    const { first, last } = blockRange(block);
    for (let v = first; v <= last; v++) if (!listing.loose.has(v)) return true;
  }
  return false;
}
function remember(cache, key, value, size) {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > size) cache.delete(cache.keys().next().value);
}

// src/domain/compact-time.ts
function compactTime(time) {
  const iso2 = typeof time === "string" ? time : time.toISOString();
  return iso2.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

// src/ledger/layout.ts
import { randomUUID } from "node:crypto";
var PROJECTS_DIR = "projects";
function projectDir(project) {
  return `${PROJECTS_DIR}/${project}`;
}
function isLegacyEntry(name) {
  return name !== PROJECTS_DIR && !name.startsWith(".");
}
var MAX_VERSION = 999999999;
function versionFileName(name) {
  const match = /^v([1-9]\d*)\.json$/.exec(name);
  if (!match) {
    return {
      kind: "foreign",
      message: "not a ledger record (expected v<N>.json)",
      fix: "Kiln skips it; move it out of the ledger"
    };
  }
  const version = Number(match[1]);
  if (match[1].length > String(MAX_VERSION).length || version > MAX_VERSION) {
    return {
      kind: "out-of-range",
      message: `version number out of range (Kiln numbers versions 1 to ${MAX_VERSION}); not read and not counted when numbering`,
      fix: "Kiln did not write it: move it out of the ledger (if it is a record, rename it to the version it holds)"
    };
  }
  return { kind: "version", version };
}
function versionOfFile(name) {
  const parsed = versionFileName(name);
  return parsed.kind === "version" ? parsed.version : void 0;
}
function materializationPath(asset, version) {
  return `materializations/${asset}/v${version}.json`;
}
function materializationsDir(asset) {
  return `materializations/${asset}`;
}
function failuresDir(asset) {
  return `failures/${asset}`;
}
function failurePath(asset, startedAt) {
  return `failures/${asset}/${compactTime(startedAt)}-${randomUUID().slice(0, 8)}.json`;
}
function locationsPath(asset, version) {
  return `locations/${asset}/v${version}.jsonl`;
}
function headsPath(asset) {
  return `heads/${asset}.jsonl`;
}
function seriesPath(asset, digest) {
  return `series/${asset}/${digest}.jsonl`;
}
var ALIASES_FOLDER = "aliases";
function aliasPath(asset) {
  return `${ALIASES_FOLDER}/${asset}.jsonl`;
}
function scopeFileName(scope) {
  return `${scope.replace(/[^A-Za-z0-9._-]/g, "_")}.json`;
}
function cursorPath(scope) {
  const name = scopeFileName(scope);
  return name === `${scope}.json` ? `cursors/${name}` : `cursors/${name.slice(0, -5)}-${sha256(scope).slice(0, 8)}.json`;
}
function cursorPaths(scope) {
  const current = cursorPath(scope);
  const former = `cursors/${scopeFileName(scope)}`;
  return current === former ? [current] : [current, former];
}
function nextVersion(names, named = []) {
  let highest = 0;
  for (const name of names) highest = Math.max(highest, highestOfEntry(name, versionOfFile));
  for (const version of named)
    if (version !== null && Number.isSafeInteger(version) && version <= MAX_VERSION)
      highest = Math.max(highest, version);
  if (highest >= MAX_VERSION) {
    throw new Error(
      `no version number left: v${MAX_VERSION} is taken, the highest Kiln writes; run \`kiln doctor\` to see which records are out of place`
    );
  }
  return highest + 1;
}

// src/ledger/series-file.ts
import { createHash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
function seriesLine(point) {
  return `${JSON.stringify(point)}
`;
}
var CHUNK = 1 << 20;
var SeriesFileWriter = class {
  constructor(file) {
    this.file = file;
  }
  file;
  /** Opened with the first lines: most steps write no series, and then there is no file at all. */
  fd;
  hash = createHash("sha256");
  lines = [];
  pending = 0;
  count = 0;
  add(point) {
    const line = seriesLine(point);
    this.lines.push(line);
    this.pending += line.length;
    this.count++;
    if (this.pending >= CHUNK) this.flush();
  }
  flush() {
    if (this.lines.length === 0) return;
    const bytes = Buffer.from(this.lines.join(""));
    this.lines = [];
    this.pending = 0;
    this.hash.update(bytes);
    this.fd ??= openSync(this.file, "w");
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written);
  }
  /** Closes the file: what the ledger needs to keep it under its content's name. */
  close() {
    try {
      this.flush();
    } finally {
      if (this.fd !== void 0) closeSync(this.fd);
    }
    return { file: this.file, sha256: this.hash.digest("hex"), points: this.count };
  }
  /** Closes the file without a result (the series is not recorded). */
  abandon() {
    if (this.fd !== void 0) closeSync(this.fd);
  }
};

// src/ledger/heads.ts
function reconcileHeads(logged, listed) {
  const heads = [];
  const missing = [];
  for (const version of listed) {
    const head = logged.get(version);
    if (head) heads.push(head);
    else missing.push(version);
  }
  heads.sort((a, b) => a.version - b.version);
  return { heads, missing: missing.sort((a, b) => a - b) };
}
function withDerived(heads, records) {
  if (records.length === 0) return heads;
  return [...heads, ...records.map(headOf)].sort((a, b) => a.version - b.version);
}
var HeadLog = class _HeadLog {
  constructor(versions, derive, problem) {
    this.derive = derive;
    this.problem = problem;
    this.versions = versions;
  }
  derive;
  problem;
  /** Only the versions a line names or a lookup reached: a long history costs nothing unread. */
  entries = /* @__PURE__ */ new Map();
  /** Versions ascending: those listed (the listing is the truth), with or without a line. */
  versions;
  /** Reads the rest of the log; undefined once the whole log is indexed. */
  readWhole;
  /** Reads the log when a lookup first needs it (heads were handed over known); then undefined. */
  readLater;
  /** Told of each head the first time a lookup answers with it. */
  used;
  /** The heads of an asset whose heads were read whole (a ledger without a log of its own). */
  static of(heads) {
    const log = new _HeadLog(
      heads.map((h) => h.version),
      async () => void 0,
      () => {
      }
    );
    for (const head of heads) log.know(head);
    return log;
  }
  /**
   * Indexes a heads log for the `listed` versions (ascending). `derive` reads a version's record
   * when the log has no complete head for it (and may append the head it derives); `problem`
   * reports a damaged line by number. `text` may be a function: the log is then read only when a
   * lookup reaches a listed version that `known` (heads read from this very log before) lacks.
   */
  static index(text, listed, options) {
    const log = new _HeadLog(listed, options.derive, options.problem);
    log.used = options.used;
    for (const head of options.known ?? []) if (log.isListed(head.version)) log.know(head);
    if (typeof text === "function") log.readLater = text;
    else log.indexText(text);
    return log;
  }
  know(head) {
    const entry = { lines: [], head: Promise.resolve(head), settled: { head } };
    this.entries.set(head.version, entry);
  }
  indexText(text) {
    if ("whole" in text) this.indexLines(text.whole, true);
    else {
      this.readWhole = text.readWhole;
      if (!this.indexLines(text.end, false)) this.indexWhole();
    }
  }
  /** Reads the log a lookup needs now (see index); known heads stay as they are. */
  indexLater() {
    const read = this.readLater;
    if (!read) return;
    this.readLater = void 0;
    this.indexText(read());
  }
  /** Whether `version` is listed (binary search: `versions` is ascending). */
  isListed(version) {
    const { versions } = this;
    let low = 0;
    let high = versions.length - 1;
    while (low <= high) {
      const middle = low + high >>> 1;
      const at = versions[middle];
      if (at === version) return true;
      if (at < version) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
  /** The entry of a listed version, made when first needed; undefined for any other. */
  entry(version) {
    let entry = this.entries.get(version);
    if (!entry && this.isListed(version)) {
      entry = { lines: [] };
      this.entries.set(version, entry);
    }
    return entry;
  }
  /** Adds the lines of `text`; false (in a log's end) at a line Kiln did not write. */
  indexLines(text, whole) {
    let written = true;
    eachLine(text, (line, number) => {
      const version = leadingVersion(line);
      if (version !== void 0) {
        this.entry(version)?.lines.push({ number: whole ? number : 0, text: line });
        return;
      }
      if (!line.trim()) return;
      if (!whole) {
        written = false;
        return false;
      }
      const read = parseHeadLine(line);
      if ("problem" in read) this.problem(number, read.problem);
      else if ("head" in read) this.entry(read.head.version)?.lines.push({ number, text: line });
    });
    return written;
  }
  /** Indexes the whole log in place of its end (a version's lines start over). */
  indexWhole() {
    const read = this.readWhole;
    if (!read) return;
    this.readWhole = void 0;
    for (const entry of this.entries.values()) entry.lines = [];
    this.indexLines(read(), true);
  }
  get count() {
    return this.versions.length;
  }
  /** The head of a listed version; undefined when neither its lines nor its record can be read. */
  head(version) {
    const entry = this.entry(version);
    if (!entry) return Promise.resolve(void 0);
    if (!entry.head && this.readLater) this.indexLater();
    entry.head ??= this.read(version, entry).then((head) => {
      entry.settled = { head };
      return head;
    });
    if (!entry.told && this.used) {
      entry.told = true;
      const used = this.used;
      void entry.head.then((head) => head && used(head));
    }
    return entry.head;
  }
  /**
   * The head of a listed version when it is known without reading anything (handed over known, or
   * read by an earlier lookup), as `head` would answer it; undefined when only `head` can tell.
   * Status asks this of every asset: a promise per lookup was most of what a known head cost.
   */
  headNow(version) {
    const entry = this.entries.get(version);
    if (!entry?.settled) return void 0;
    if (!entry.told && this.used) {
      entry.told = true;
      if (entry.settled.head) this.used(entry.settled.head);
    }
    return entry.settled;
  }
  read(version, entry) {
    for (const line of entry.lines) {
      const read = parseHeadLine(line.text);
      if ("problem" in read) {
        if (this.readWhole) return this.readFromWhole(version, entry);
        this.problem(line.number, read.problem);
      } else if ("head" in read && read.head.version === version) return Promise.resolve(read.head);
    }
    if (this.readWhole) return this.readFromWhole(version, entry);
    return this.derive(version);
  }
  readFromWhole(version, entry) {
    this.indexWhole();
    return this.read(version, entry);
  }
  /**
   * False when the version's head cannot have logical version `lv` (true for a head from before
   * declared outputs were versioned, whose logical version its record gives): the head read, or a
   * line that reads as a whole head Kiln wrote (plain JSON, no escapes, every field status reads)
   * does not contain it. Lets the search for the version built from the current inputs skip
   * parsing every other version's head. A version whose lines all look damaged or old may be
   * derived from its record: true. (A line damaged inside yet whole-looking could hide a record
   * with `lv`: the asset then looks stale and is built again, never the other way round.)
   */
  mayHave(version, lv) {
    const entry = this.entry(version);
    if (!entry) return false;
    if (!entry.settled && this.readLater) this.indexLater();
    if (entry.settled) {
      const { head } = entry.settled;
      return head !== void 0 && (head.logicalVersion === lv || head.undeclaredOutputs === true);
    }
    if (entry.lines.length === 0 && this.readWhole) this.indexWhole();
    if (entry.lines.length === 0) return true;
    let whole = false;
    for (const { text } of entry.lines) {
      if (text.includes(lv) || text.includes("\\") || text.includes('"undeclaredOutputs"')) return true;
      whole ||= text.endsWith("}") && WHOLE_HEAD_KEYS.every((key) => text.includes(key));
    }
    return !whole;
  }
  /** Every head, ascending (what heads() answers). */
  async all() {
    const heads = await Promise.all(this.versions.map((v) => this.head(v)));
    return heads.filter((h) => h !== void 0);
  }
};
async function headLogOf(ledger, asset) {
  return ledger.headLog ? ledger.headLog(asset) : HeadLog.of(await ledger.heads(asset));
}
var WHOLE_HEAD_KEYS = ['"logicalVersion":"', '"context":{', '"deps":{', '"outputs":{', '"locations":['];
function leadingVersion(line) {
  const prefix = '{"version":';
  if (!line.startsWith(prefix)) return void 0;
  let version = 0;
  let i = prefix.length;
  for (; i < line.length; i++) {
    const digit = line.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    version = version * 10 + digit;
  }
  return i > prefix.length && line[i] === "," && version > 0 && Number.isSafeInteger(version) ? version : void 0;
}
function headLine(record) {
  return JSON.stringify(headOf(record));
}
function seriesText(points) {
  const lines = new Array(points.length);
  for (let i = 0; i < points.length; i++) lines[i] = seriesLine(points[i]);
  return lines.join("");
}
function separateSeries(record) {
  const { seriesSource: source, ...rest } = record;
  if (source) {
    if (source.points === 0) return { record: { ...rest, series: [] } };
    const file2 = seriesPath(record.asset, source.sha256);
    return {
      record: { ...rest, series: [], seriesFile: { path: file2, points: source.points } },
      series: { path: file2, file: source.file }
    };
  }
  if (record.series.length === 0) return { record: rest };
  const text = seriesText(record.series);
  const file = seriesPath(record.asset, sha256(text));
  return {
    record: { ...rest, series: [], seriesFile: { path: file, points: record.series.length } },
    series: { path: file, text }
  };
}
async function holdersWithRecords(events, listed, load) {
  const holders = new Set(replayAliases(events, /* @__PURE__ */ new Set()).missing.values());
  const readable = /* @__PURE__ */ new Set();
  for (const version of holders) if (listed.has(version) && await load(version)) readable.add(version);
  return readable;
}

// src/paths/containment.ts
import { lstat, readlink, realpath } from "node:fs/promises";
import path2 from "node:path";

// src/paths/join.ts
import path from "node:path";
var NOT_PLAIN = /(^|\/)\.{0,2}(\/|$)|\\/;
function isPlainRelative(relative) {
  return !NOT_PLAIN.test(relative);
}
var Folder = class {
  constructor(folder) {
    this.folder = folder;
    const normal = path.join(folder);
    this.base = path.sep === "/" && !normal.endsWith("/") && normal !== "." ? normal : void 0;
  }
  folder;
  /** The folder as path.join gives it; undefined where a concatenation could differ from join. */
  base;
  join(...parts) {
    const base = this.base;
    if (base === void 0) return path.join(this.folder, ...parts);
    let joined = base;
    for (const part of parts) {
      if (!isPlainRelative(part)) return path.join(this.folder, ...parts);
      joined += `/${part}`;
    }
    return joined;
  }
};
var lastRoot;
function resolveIn(root, file) {
  if (!path.isAbsolute(root) || !isPlainRelative(file)) return path.resolve(root, file);
  if (lastRoot?.folder !== root) lastRoot = new Folder(root);
  return lastRoot.join(file);
}

// src/paths/containment.ts
var RESERVED_FOLDERS = [KILN_DIR_NAME, ".git"];
function normalized(file) {
  return path2.posix.normalize(file.replaceAll("\\", "/"));
}
function lexicalPathProblem(file, options) {
  if (isPlainRelative(file) && !path2.win32.isAbsolute(file)) {
    if (!options.output) return void 0;
    const reserved2 = file.split("/").find((part) => RESERVED_FOLDERS.includes(part));
    return reserved2 ? { kind: "reserved", folder: reserved2 } : void 0;
  }
  if (path2.posix.isAbsolute(file) || path2.win32.isAbsolute(file)) return { kind: "absolute" };
  const normal = normalized(file);
  if (normal === ".." || normal.startsWith("../")) return { kind: "outside" };
  if (!options.output) return void 0;
  const parts = normal.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.length === 0) return { kind: "project-folder" };
  const reserved = parts.find((part) => RESERVED_FOLDERS.includes(part));
  return reserved ? { kind: "reserved", folder: reserved } : void 0;
}
function normalizeOutputPath(output) {
  if (isPlainRelative(output)) return output;
  return path2.posix.normalize(output.replaceAll("\\", "/")).replace(/\/+$/, "") || ".";
}
function refused(file, problem, hint) {
  return { ok: false, file, problem, error: `${file} ${problem}`, hint };
}
var errno = (error) => error.code;
async function realLocation(target, depth = 0) {
  const rest = [];
  let current = target;
  for (; ; ) {
    try {
      return path2.join(await realpath(current), ...rest.reverse());
    } catch (error) {
      if (errno(error) !== "ENOENT" && errno(error) !== "ENOTDIR") throw error;
    }
    const link = await lstat(current).then(
      (info) => info.isSymbolicLink() ? readlink(current) : void 0,
      () => void 0
    );
    if (link !== void 0 && depth < 40) {
      const pointed = path2.resolve(path2.dirname(current), link);
      return path2.join(await realLocation(pointed, depth + 1), ...rest.reverse());
    }
    const parent = path2.dirname(current);
    if (parent === current) return path2.join(current, ...rest.reverse());
    rest.push(path2.basename(current));
    current = parent;
  }
}
var within = (inner, outer) => {
  const relative = path2.relative(outer, inner);
  return relative !== "" && !relative.startsWith("..") && !path2.isAbsolute(relative);
};
function lexicallyInside(root, file) {
  const problem = lexicalPathProblem(file, { output: true });
  if (problem) {
    return refused(
      file,
      describePathProblem(problem),
      "outputs are paths inside the project folder (the folder of kiln.yml), such as build/model.bin"
    );
  }
  return { ok: true, path: resolveIn(root, file) };
}
async function resolveInside(root, file) {
  const lexical = lexicallyInside(root, file);
  if (!lexical.ok) return lexical;
  const absolute = lexical.path;
  const [realRoot, real] = await Promise.all([realLocation(path2.resolve(root)), realLocation(absolute)]);
  if (!within(real, realRoot)) {
    return refused(
      file,
      `resolves to ${real}, outside the project folder ${realRoot}`,
      "a folder on its way is a symbolic link out of the project: remove the link, or point it inside the project"
    );
  }
  return { ok: true, path: absolute };
}
function describePathProblem(problem) {
  switch (problem.kind) {
    case "absolute":
      return "is an absolute path";
    case "outside":
      return "is outside the project folder";
    case "project-folder":
      return "is the whole project folder";
    case "reserved":
      return `is inside ${problem.folder}, ${problem.folder === KILN_DIR_NAME ? "Kiln's own state folder" : "git's folder"}`;
  }
}
var OutsideProjectError = class extends Error {
  constructor(action, refused2) {
    super(
      `refusing to ${action} ${refused2.file}: it ${refused2.problem}; nothing was ${action === "read" ? "read" : "written"} (${refused2.hint})`
    );
    this.name = "OutsideProjectError";
  }
};
async function insideOrThrow(root, file, action) {
  const inside = await resolveInside(root, file);
  if (!inside.ok) throw new OutsideProjectError(action, inside);
  return inside.path;
}

// src/version/lineage.ts
async function lineageFilter(lineage, records) {
  const sameEnvironment = (r) => r.context.environment === lineage.environment;
  if (!lineage.ancestry) return sameEnvironment;
  const commits = [
    ...new Set(records.filter(sameEnvironment).flatMap((r) => r.context.gitSha ? [r.context.gitSha] : []))
  ];
  const answer = commits.length > 0 ? await lineage.ancestry(commits) : { ancestors: /* @__PURE__ */ new Set(), present: /* @__PURE__ */ new Set(), shallow: false };
  return (record) => {
    if (!sameEnvironment(record)) return false;
    const sha = record.context.gitSha;
    if (sha && answer.ancestors.has(sha)) return true;
    if (sha && answer.present.has(sha) && !answer.shallow) return false;
    return record.context.ref !== void 0 && lineage.branches.includes(record.context.ref);
  };
}
async function failureFilter(lineage, failures) {
  const onLineage = await lineageFilter(lineage, failures);
  return (failure) => onLineage(failure) && (lineage.pullRequest === true || failure.context.event !== "pull_request");
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
function observeSource(source, root, env) {
  const command = source.observe;
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", command], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => err.push(c));
    const timer = setTimeout(() => child.kill("SIGKILL"), OBSERVE_TIMEOUT_MS);
    child.on(
      "error",
      (error) => reject(new ObserveError(`source "${source.name}": cannot run \`${command}\`: ${error.message}`))
    );
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString("utf8").trim().split("\n").slice(-5).join("\n  ");
      if (code !== 0) {
        const why = signal ? `was killed (${signal})` : `exited with code ${code}`;
        reject(
          new ObserveError(`source "${source.name}": \`${command}\` ${why}${stderr ? `:
  ${stderr}` : ""}`)
        );
        return;
      }
      const version = Buffer.concat(out).toString("utf8").trim();
      if (!version) {
        reject(
          new ObserveError(
            `source "${source.name}": \`${command}\` printed nothing; it must print the source's current version`
          )
        );
        return;
      }
      resolve(version);
    });
  });
}

// src/version/status.ts
import path6 from "node:path";

// src/version/fingerprint.ts
var import_picomatch = __toESM(require_picomatch2(), 1);
import { readdir } from "node:fs/promises";
import path4 from "node:path";

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
import { lstat as lstat2, readlink as readlink2, stat as stat2 } from "node:fs/promises";
import path3 from "node:path";

// src/version/blob.ts
import { createHash as createHash2 } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
function blobId(bytes) {
  const buffer = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  return createHash2("sha1").update(`blob ${buffer.length}\0`).update(buffer).digest("hex");
}
var SMALL_FILE_BYTES = 1024 * 1024;
async function blobIdOfFile(file) {
  const { size } = await stat(file);
  const hash = createHash2("sha1").update(`blob ${size}\0`);
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest("hex");
}

// src/version/working-file.ts
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
  const full = path3.join(root, file);
  try {
    const entry = await lstat2(full);
    if (entry.isSymbolicLink()) {
      const target = await stat2(full).catch((error) => danglingLink(full, file, error));
      if (target.isDirectory())
        throw new UserError(
          `${file} is a symbolic link to a folder (${await readlink2(full)}), and a \`code\` or \`inputs\` pattern matches it`,
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
  const target = await readlink2(full).catch(() => "?");
  throw new UserError(
    `${file} is a symbolic link to ${target}, which does not exist, and a \`code\` or \`inputs\` pattern matches it`,
    "fix or remove the link, or narrow the pattern so that it does not match"
  );
}
async function repositoryCommit(full, file) {
  const commit = existsSync(path3.join(full, ".git")) ? await headCommit(full) : void 0;
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
    const relative = path4.relative(root, path4.join(entry.parentPath, entry.name)).split(path4.sep).join("/");
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
  return path4.relative(gitRoot, projectRoot).split(path4.sep).join("/");
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
    matcher = (path17) => path17 !== "" && (path17 === glob || regex.test(path17));
    globMatchers.set(glob, matcher);
  }
  return matcher;
}
var RARE_GLOB_CHARACTERS = /[?[\]{}()!+@\\]/;
function compilePattern(pattern) {
  let compiled = compiledPatterns.get(pattern);
  if (compiled) return compiled;
  const normalized2 = pattern.replace(/^\.\//, "").replace(/\/+$/, "");
  compiled = RARE_GLOB_CHARACTERS.test(normalized2) ? scanPattern(normalized2) : simplePattern(normalized2);
  compiledPatterns.set(pattern, compiled);
  return compiled;
}
function simplePattern(normalized2) {
  const star = normalized2.indexOf("*");
  if (star < 0) return { normalized: normalized2, base: normalized2 };
  const slash = normalized2.lastIndexOf("/", star);
  if (slash <= 0) return { normalized: normalized2, base: "", test: globMatcher(normalized2) };
  return { normalized: normalized2, base: normalized2.slice(0, slash), test: globMatcher(normalized2.slice(slash + 1)) };
}
function scanPattern(normalized2) {
  let compiled;
  const scan = import_picomatch.default.scan(normalized2);
  if (!scan.isGlob) compiled = { normalized: normalized2, base: normalized2 };
  else if (scan.base && !scan.negated && normalized2 === `${scan.base}/${scan.glob}`)
    compiled = { normalized: normalized2, base: scan.base, test: globMatcher(scan.glob) };
  else compiled = { normalized: normalized2, base: "", test: globMatcher(normalized2) };
  return compiled;
}
function matchPositions(files, pattern, exclude) {
  const { normalized: normalized2, base, test } = compilePattern(pattern);
  const found = [];
  if (!test) {
    const exact = lowerBound(files, normalized2);
    if (files[exact] === normalized2) {
      if (!exclude?.(normalized2)) found.push(exact);
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
import path5 from "node:path";
var FORMAT = 2;
var VersionsMemo = class _VersionsMemo {
  constructor(file, kilnDir2, key, files, found, hashed) {
    this.file = file;
    this.kilnDir = kilnDir2;
    this.key = key;
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
    const kilnDir2 = path5.join(options.root, KILN_DIR_NAME);
    const file = cacheFile(kilnDir2, `versions-${encodeURIComponent(options.projectName)}.json`);
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
    const stored = readStored(file, key);
    const entries = stored ? entriesOf(stored.assets) : void 0;
    const found = entries && await sameContent(files, stored.hashed) && await sameIgnored(files, stored.ignored) ? entries : void 0;
    return new _VersionsMemo(file, kilnDir2, key, files, found, found ? stored.hashed : {});
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
      dirty: index.anyUncommitted && [path6.basename(project.manifestPath), ...files].some((file) => index.uncommitted(file))
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
      const index = facts.files.index();
      const known = (file) => memo.hashed(file);
      const code = asset.codeVersion === void 0 ? fingerprintKnown(index, asset.code, known, { exclude: outputs }) : none();
      base = baseOf(
        project,
        asset,
        environment,
        own,
        code.files,
        fingerprintKnown(index, asset.inputs, known).files
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
  if (status !== "fresh" && lastFailure && (!latest || lastFailure.finishedAt > latest.finishedAt) && lastFailure.logicalVersion === lv) {
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
    current: latest ? { asset: name, ...latest } : void 0,
    latest: latest && latestRecords ? await load(name, latest.version) : void 0,
    lastFailure,
    ...sinceLastHandled(prepared, deps),
    failedAtVersion: status === "fresh" ? void 0 : failedAtVersion(prepared, lv),
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
  const failure = prepared.failures.findLast((f) => f.status === "failed");
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
  const open3 = new Map([...prepared].map(([name, p]) => [name, { p, from: p.records.newest }]));
  const accept = (head) => !isExperiment(head);
  for (let take = 1; open3.size > 0; take *= 2) {
    const round = /* @__PURE__ */ new Map();
    await Promise.all(
      [...open3].map(async ([name, state]) => {
        const { heads, next } = await state.p.records.take(state.from, take, { accept });
        state.from = next;
        round.set(name, heads);
      })
    );
    const inLineage = await lineageFilter(lineage, [...round.values()].flat());
    await Promise.all(
      [...round].map(async ([name, heads]) => {
        const state = open3.get(name);
        state.p.latest = await newestReadable(name, heads, inLineage, load);
        if (state.p.latest || state.from < 0) open3.delete(name);
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
        observed = source.observe ? await observeSource(source, project.root, options.env ?? process.env) : void 0;
      } catch (error) {
        if (!(error instanceof ObserveError)) throw error;
        sources.set(source.name, { name: source.name, unavailable: error.message });
        return;
      }
      const inputs = await fingerprint(files.index(), source.inputs);
      const dv = sourceDataVersion(observed, inputs.files);
      sources.set(source.name, { name: source.name, dataVersion: dv, observed });
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
  const depVersions = (asset, given = {}) => Object.fromEntries(
    asset.deps.map((dep) => {
      const ref = dependencyRef(asset, dep);
      const fallback = ref === dep ? dataVersions.get(dep) : aliasVersions.get(ref);
      return [ref, given[dep] ?? fallback];
    })
  );
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
      const open3 = unhandled(ctx, facts);
      return node(condition.kind, facts.status === condition.kind && open3.ok, [
        `status: ${facts.status}`,
        ...open3.facts
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
      const open3 = unhandled(ctx, facts);
      const ready = depsReady(ctx, facts);
      const upstreamRuns = facts.assetDeps.some((d) => ctx.planned.has(d));
      return node("eager", (facts.status !== "fresh" && open3.ok || upstreamRuns) && ready.ok, [
        `status: ${facts.status}`,
        ...open3.facts,
        ...ready.facts
      ]);
    }
    case "on_missing": {
      const open3 = unhandled(ctx, facts);
      const ready = depsReady(ctx, facts, true);
      return node("on_missing", facts.status === "missing" && open3.ok && ready.ok, [
        `status: ${facts.status}`,
        ...open3.facts,
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
      return { ...node(label, result.passed && allUpdated, [], [tickNode, depsNode]), cronTick: true };
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
function planTick(input) {
  const { tick } = input;
  const assets = /* @__PURE__ */ new Map();
  const planned = /* @__PURE__ */ new Set();
  const cursors = structuredClone({ ...input.cursors });
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
        cursors[asset.name] = {
          ...cursors[asset.name],
          [cronKey(c.kind, c.cron, c.tz)]: tick.now.toISOString()
        };
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
    if (input.force) {
      if (waiting.length) decide(false, [`waiting: ${waitingFor}; run \`kiln run +${asset.name}\``]);
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
      decide(false, [`waiting: ${waitingFor}`, ...asset.reasons], evaluation);
      continue;
    }
    if (tick.event === "pull_request") {
      if (!asset.pullRequests) decide(false, ["pull-requests: false", ...asset.reasons], evaluation);
      else if (facts.status === "fresh") decide(false, ["fresh"], evaluation);
      else if (failureHolds(facts.failure, tick.now))
        decide(false, [notRetriedMessage(asset.name, facts.failure)], evaluation);
      else decide(true, asset.reasons, evaluation);
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
  return { assets, cursors };
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
function sourceFailureMarks(assessment, stored, tick, runId) {
  const marks = {};
  for (const [name, source] of assessment.sources) {
    if (source.unavailable === void 0) continue;
    marks[name] = stored[name] ?? {
      since: tick.now.toISOString(),
      error: source.unavailable,
      ...runId ? { runId } : {}
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
        reasons: assessment.assets.get(name).reasons
      };
    }),
    facts: assetFacts(project, assessment, request.runId),
    cursors: stored?.assets ?? {},
    requests: stored?.requests,
    run: request.runId ? { run: request.runId, attempt: request.runAttempt } : void 0,
    tick,
    selection: request.selection,
    explicit: request.explicit,
    force: request.force
  });
  const sources = sourceFailureMarks(assessment, stored?.sources ?? {}, tick, request.runId);
  const storedAssets = stored?.assets ?? {};
  const storedRequests = stored?.requests ?? {};
  const cursorsAfter = (handled) => {
    const assets = structuredClone(storedAssets);
    const requests = structuredClone(storedRequests);
    const by = handled === void 0 && request.runId ? { run: request.runId, ...request.runAttempt ? { attempt: request.runAttempt } : {} } : void 0;
    for (const [name, entry] of planned.assets) {
      if (!entry.run || handled !== void 0 && !handled.has(name)) continue;
      for (const [key, at] of Object.entries(planned.cursors[name] ?? {})) {
        assets[name] = { ...assets[name], [key]: at };
        const tags = { ...requests[name] };
        if (by) tags[key] = by;
        else delete tags[key];
        if (Object.keys(tags).length > 0) requests[name] = tags;
        else delete requests[name];
      }
    }
    return { assets, requests };
  };
  const writes = tick.event !== "pull_request" && !request.experiment;
  return {
    tick,
    assets: planned.assets,
    commit: async (handled) => {
      if (!writes) return;
      const after = cursorsAfter(handled);
      if (JSON.stringify(after.assets) === JSON.stringify(storedAssets) && JSON.stringify(after.requests) === JSON.stringify(storedRequests) && JSON.stringify(sources) === JSON.stringify(stored?.sources ?? {}))
        return;
      await request.ledger.writeCursor({
        schema: RECORD_SCHEMA,
        scope: request.scope,
        assets: after.assets,
        ...Object.keys(after.requests).length ? { requests: after.requests } : {},
        ...Object.keys(sources).length ? { sources } : {},
        updatedAt: tick.now.toISOString()
      });
    }
  };
}

// src/app/environment.ts
var DEV = "dev";
function isPullRequest(event) {
  return event === "pull_request";
}
function environmentOfBranch(project, branch, defaultBranch) {
  if (branch === void 0) return DEV;
  for (const environment of project.environments.values())
    if (environment.branches.includes(branch)) return environment.name;
  return prodBranches(project, defaultBranch).includes(branch) ? PROD : DEV;
}
function decideEnvironment(project, facts) {
  const override = facts.override || void 0;
  const names = [.../* @__PURE__ */ new Set([...project.environments.keys(), DEV, PROD])];
  if (override && !names.includes(override)) {
    const suggestion = closest(override, names);
    return {
      ok: false,
      error: `unknown environment "${override}"; the manifest defines ${names.join(", ")}`,
      hint: suggestion ? `did you mean "${suggestion}"?` : void 0
    };
  }
  const pullRequest = isPullRequest(facts.event);
  const ruleBranch = pullRequest ? facts.base ?? facts.defaultBranch ?? prodBranches(project)[0] ?? facts.branch : facts.branch;
  const byRule = facts.inGit ? environmentOfBranch(project, ruleBranch, facts.defaultBranch) : DEV;
  const ruleWhy = !facts.inGit ? "not a git repository" : ruleBranch === void 0 ? "detached HEAD" : pullRequest ? `base branch ${ruleBranch} of the pull request` : `branch ${ruleBranch}`;
  const name = override ?? byRule;
  const why = override ? override === byRule ? `--env ${override}, as ${ruleWhy} selects` : `--env ${override}` : ruleWhy;
  let promotionBlocker;
  if (name !== PROD) promotionBlocker = `only prod promotes; this run is in ${name}`;
  else if (!facts.inGit)
    promotionBlocker = "only a git checkout promotes; this folder is not a git repository";
  else if (pullRequest) promotionBlocker = "pull requests never promote";
  else if (byRule !== PROD)
    promotionBlocker = `--env prod does not promote on ${ruleBranch === void 0 ? "a detached HEAD" : `branch ${ruleBranch}`}, which selects ${byRule}`;
  return { ok: true, decision: { name, why, branch: ruleBranch, promotionBlocker } };
}
function assetPromotionBlocker(decision, spec) {
  if (decision.promotionBlocker) return decision.promotionBlocker;
  if (spec.branches && decision.branch !== void 0 && !spec.branches.includes(decision.branch))
    return `branch ${decision.branch} is not among the asset's promote.branches (${spec.branches.join(", ")})`;
  return void 0;
}

// src/domain/crash-point.ts
function crashPoint(point) {
  if (process.env.KILN_TEST_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
}

// src/ledger/open.ts
import path10 from "node:path";

// src/ledger/adopt-local.ts
import { mkdir, open, readFile, rename } from "node:fs/promises";
import path9 from "node:path";

// src/ledger/local.ts
import { randomUUID as randomUUID2 } from "node:crypto";
import {
  closeSync as closeSync2,
  constants,
  copyFileSync,
  existsSync as existsSync2,
  fstatSync,
  linkSync,
  openSync as openSync3,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync as writeSync2
} from "node:fs";
import path8 from "node:path";

// src/paths/state-file.ts
import { fsync, openSync as openSync2 } from "node:fs";
import path7 from "node:path";
function syncDescriptor(fd) {
  return new Promise((resolve, reject) => fsync(fd, (error) => error ? reject(error) : resolve()));
}
function openInStateDir(file, flags) {
  try {
    return openSync2(file, flags);
  } catch (error) {
    const code = error.code;
    if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
    makeStateDirSync(path7.dirname(file));
    return openSync2(file, flags);
  }
}

// src/ledger/local.ts
async function writeSynced(file, text) {
  const fd = openInStateDir(file, "wx");
  try {
    writeFileSync(fd, text);
    await syncDescriptor(fd);
  } finally {
    closeSync2(fd);
  }
}
async function copySynced(source, file) {
  copyFileSync(source, file, constants.COPYFILE_EXCL);
  const fd = openSync3(file, "r+");
  try {
    await syncDescriptor(fd);
  } finally {
    closeSync2(fd);
  }
}
async function writeOnce(file, content) {
  if (existsSync2(file)) return;
  makeStateDirSync(path8.dirname(file));
  const temp = path8.join(path8.dirname(file), `.tmp-${randomUUID2()}`);
  if (typeof content === "string") await writeSynced(temp, content);
  else await copySynced(content.file, temp);
  try {
    linkSync(temp, file);
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temp);
  }
}
async function placeOnce(file, text) {
  makeStateDirSync(path8.dirname(file));
  const temp = path8.join(path8.dirname(file), `.tmp-${randomUUID2()}`);
  await writeSynced(temp, text);
  try {
    linkSync(temp, file);
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
    return readIfExists(file) === text;
  } finally {
    unlinkSync(temp);
  }
  const fd = openSync3(path8.dirname(file), "r");
  try {
    await syncDescriptor(fd);
  } finally {
    closeSync2(fd);
  }
  return true;
}
function readIfExists(file) {
  try {
    return readText(file);
  } catch (error) {
    if (error.code === "ENOENT") return void 0;
    throw error;
  }
}
function removeIfPresent(file) {
  try {
    unlinkSync(file);
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
}
async function replaceAtomically(file, text) {
  const temp = path8.join(path8.dirname(file), `.tmp-${randomUUID2()}`);
  await writeSynced(temp, text);
  renameSync(temp, file);
}
async function appendLines(file, lines, options) {
  const bytes = Buffer.from(`
${lines.join("\n")}
`);
  const fd = openInStateDir(file, "a");
  try {
    const bytesWritten = writeSync2(fd, bytes);
    if (bytesWritten !== bytes.length) throw new Error(`short append to ${file}: the disk may be full`);
    if (options.durable) await syncDescriptor(fd);
  } finally {
    closeSync2(fd);
  }
}
function unreadable(file, error) {
  if (!isSystemError(error)) return error;
  const { message } = fromSystemError(error);
  return new UserError(
    `cannot read the ledger file ${file}: ${message.replace(/^cannot \w+ [^:]*: |^\w+ failed: /, "")}`,
    "run `kiln doctor`: it checks the ledger and says how to repair it"
  );
}
function readText(file) {
  return readFileSync(file, "utf8");
}
var HEAD_LOG_END = 4096;
function readLogEnd(file, bytes) {
  let fd;
  try {
    fd = openSync3(file, "r");
  } catch (error) {
    if (error.code === "ENOENT") return { whole: "" };
    throw unreadable(file, error);
  }
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(Math.min(size, bytes));
    const read = readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    if (size <= bytes) return { whole: buffer.toString("utf8", 0, read) };
    const start = buffer.indexOf(10);
    return {
      end: start < 0 ? "" : buffer.toString("utf8", start + 1, read),
      readWhole: () => {
        try {
          return readIfExists(file) ?? "";
        } catch (error) {
          throw unreadable(file, error);
        }
      }
    };
  } catch (error) {
    throw unreadable(file, error);
  } finally {
    closeSync2(fd);
  }
}
async function readIfPresent(file) {
  try {
    return readIfExists(file);
  } catch (error) {
    throw unreadable(file, error);
  }
}
function unreadableFile(error) {
  const code = error.code;
  if (code === "EISDIR") return "is a directory, not a file";
  if (code === "EACCES" || code === "EPERM") return "cannot be read (permission denied)";
  return void 0;
}
async function listDir(dir) {
  return listDirNow(dir);
}
function listDirNow(dir) {
  try {
    return readdirSync(dir);
  } catch (error) {
    if (error.code === "ENOENT") return [];
    throw unreadable(dir, error);
  }
}
var LocalLedger = class {
  /**
   * `dir` is the ledger folder itself: a project's namespace, normally
   * `<root>/.kiln/ledger/projects/<name>` (see open.ts).
   */
  constructor(dir, options = {}) {
    this.dir = dir;
    this.options = options;
    this.description = options.description ?? dir;
    this.files = new Folder(dir);
  }
  dir;
  options;
  description;
  /** `dir`, for the paths reads make per asset (see paths/join.ts). */
  files;
  found = [];
  reported = /* @__PURE__ */ new Set();
  /** Adds a problem found while opening the ledger (see adopt-local.ts) or by a reader thread. */
  note(problem) {
    this.problem(problem.path, problem.message, problem.fix);
  }
  async readerSpec() {
    return { kind: "local", dir: this.dir, description: this.description };
  }
  problem(file, message, fix) {
    const key = `${file}\0${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.found.push(fix === void 0 ? { path: file, message } : { path: file, message, fix });
  }
  problems() {
    return [...this.found];
  }
  async readJson(file) {
    try {
      return JSON.parse(readText(file));
    } catch (error) {
      this.problem(
        file,
        error instanceof SyntaxError ? `not valid JSON (${error.message})` : unreadableFile(error) ?? String(error.message)
      );
      return void 0;
    }
  }
  /**
   * Asset folders under materializations/ and failures/ as listed once by this process. A status
   * of thousands of assets, most never built, would otherwise list thousands of missing folders.
   * Only absence is remembered, and this process's own writes add to it; another process's first
   * record of an asset shows from the next command on.
   */
  listed = /* @__PURE__ */ new Map();
  mayHave(section, asset) {
    let names = this.listed.get(section);
    if (!names) {
      names = new Set(listDirNow(this.files.join(section)));
      this.listed.set(section, names);
    }
    return names.has(asset);
  }
  async wrote(section, asset) {
    this.listed.get(section)?.add(asset);
  }
  /**
   * The highest version number this ledger saw taken in an asset's folder, listed or written by
   * itself: a write claims the number after it without listing the folder again. Numbers only
   * grow, so one another process took since is met by link(2)'s EEXIST and the next is tried, as
   * when a listing is a moment old.
   */
  highestTaken = /* @__PURE__ */ new Map();
  sawTaken(asset, version) {
    if (version > (this.highestTaken.get(asset) ?? 0)) this.highestTaken.set(asset, version);
  }
  /** The record files and packs of an asset's folder; names that are neither are reported. */
  async listRecords(asset) {
    return this.listRecordsNow(asset);
  }
  /**
   * listRecords, answered synchronously: every read here is synchronous (a thread-pool round trip
   * cost more than the read), and a status of thousands of assets paid a promise per step.
   */
  listRecordsNow(asset) {
    if (!this.mayHave("materializations", asset)) return classifyEntries([], versionOfFile);
    const dir = this.files.join("materializations", asset);
    const memo = this.options.memo;
    const stamp = memo?.stamp(dir);
    let listing = stamp && memo.listing(asset, stamp);
    if (!listing) {
      listing = classifyEntries(listDirNow(dir), versionOfFile);
      for (let again = 0; again < 2 && hasGappedBlock(listing); again++)
        listing = classifyEntries(listDirNow(dir), versionOfFile);
      for (const name of listing.foreign) {
        const named = versionFileName(name);
        if (named.kind !== "version") this.problem(path8.join(dir, name), named.message, named.fix);
      }
      if (stamp && !hasGappedBlock(listing)) memo.noteListing(asset, stamp, listing);
    }
    for (const version of listing.loose.keys()) this.sawTaken(asset, version);
    for (const block of listing.packs) this.sawTaken(asset, blockRange(block).last);
    this.lastListing.set(asset, listing);
    return listing;
  }
  /** Each asset's newest listing by this process (see recordIntact). */
  lastListing = /* @__PURE__ */ new Map();
  async materializations(asset) {
    const listing = await this.listRecords(asset);
    const records = [];
    for (const version of listedVersions(listing)) {
      const record = await this.readRecord(asset, version, listing.packs.has(blockOf(version)));
      if (record) records.push(record);
    }
    return records;
  }
  /** The versions whose records are listed, loose or packed (readable or not). */
  async listedVersions(asset) {
    return listedVersions(this.listRecordsNow(asset));
  }
  async heads(asset) {
    const listed = await this.listedVersions(asset);
    if (listed.length === 0) return [];
    const file = path8.join(this.dir, headsPath(asset));
    const parsed = parseHeadLog(await readIfPresent(file) ?? "");
    for (const p of parsed.problems) this.problem(`${file}:${p.line}`, p.message, HEAD_LINE_FIX);
    const { heads, missing } = reconcileHeads(parsed.heads, listed);
    if (missing.length === 0) return heads;
    const derived = (await Promise.all(missing.map((v) => this.materialization(asset, v)))).filter(
      (r) => r !== void 0
    );
    if (derived.length > 0)
      await appendLines(file, derived.map(headLine), { durable: false }).catch(() => {
      });
    return withDerived(heads, derived);
  }
  async headLog(asset) {
    const listed = listedVersions(this.listRecordsNow(asset));
    if (listed.length === 0) return HeadLog.of([]);
    const file = this.files.join(headsPath(asset));
    const memo = this.options.memo;
    const stamp = memo?.stamp(file);
    const known = stamp && memo.heads(asset, stamp);
    return HeadLog.index(
      known ? () => readLogEnd(file, HEAD_LOG_END) : readLogEnd(file, HEAD_LOG_END),
      listed,
      {
        known,
        used: stamp && ((head) => memo.useHead(asset, stamp, head)),
        problem: (line, message) => this.problem(`${file}:${line}`, message, HEAD_LINE_FIX),
        derive: async (version) => {
          const record = await this.materialization(asset, version);
          if (!record) return void 0;
          await appendLines(file, [headLine(record)], { durable: false }).catch(() => {
          });
          return headOf(record);
        }
      }
    );
  }
  /**
   * Packs read by this ledger: immutable once written, so kept (a few, most recent last) for the
   * next version of the same block; the site reads a block's versions one after the other.
   */
  recordPacks = /* @__PURE__ */ new Map();
  seriesPacks = /* @__PURE__ */ new Map();
  /** The records pack of a block, or undefined when the block is not packed. */
  recordPack(asset, block) {
    const key = `${asset}\0${block}`;
    const cached = this.recordPacks.get(key);
    if (cached) return cached;
    const file = path8.join(this.dir, recordPackPath(asset, block));
    const text = this.readPackText(file);
    if (text === void 0) return void 0;
    const pack = parseRecordPack(
      text,
      asset,
      block,
      (line, message) => this.problem(`${file}:${line}`, message, PACK_FIX)
    );
    remember(this.recordPacks, key, pack, 8);
    return pack;
  }
  seriesPack(asset, block) {
    const key = `${asset}\0${block}`;
    const cached = this.seriesPacks.get(key);
    if (cached) return cached;
    const file = path8.join(this.dir, seriesPackPath(asset, block));
    const text = this.readPackText(file);
    if (text === void 0) return void 0;
    const pack = parseSeriesPack(text, (line, message) => this.problem(`${file}:${line}`, message, PACK_FIX));
    remember(this.seriesPacks, key, pack, 4);
    return pack;
  }
  /** A pack's text; undefined when there is none (an unreadable one is reported). */
  readPackText(file) {
    if (!existsSync2(file)) return void 0;
    try {
      return readText(file);
    } catch (error) {
      if (error.code === "ENOENT") return void 0;
      this.problem(file, unreadableFile(error) ?? String(error.message), PACK_FIX);
      return void 0;
    }
  }
  async materialization(asset, version) {
    return this.readRecord(asset, version, void 0);
  }
  /**
   * One record, from its block's pack or its loose file. `packed` says what a listing showed
   * (undefined: not listed): a packed block is read from its pack, whose copy is identical to the
   * loose file a crash may have left beside it. The loose file is read otherwise; when it is gone,
   * another process packed the block since (it writes the pack before removing loose files).
   */
  readRecord(asset, version, packed) {
    return withRecordSchemas(() => this.readRecordNow(asset, version, packed));
  }
  /** readRecord's synchronous read, which may need zod's schemas loaded (see withRecordSchemas). */
  readRecordNow(asset, version, packed) {
    const block = blockOf(version);
    if (packed !== false) {
      const fromPack = this.recordPack(asset, block)?.record(version);
      if (fromPack) return fromPack;
    }
    const file = this.files.join("materializations", asset, `v${version}.json`);
    let text;
    try {
      text = readText(file);
    } catch (error) {
      if (error.code === "ENOENT") {
        const pack = this.recordPack(asset, block);
        const fromPack = pack?.record(version);
        if (fromPack) return fromPack;
        if (pack) return void 0;
      }
      this.problem(file, unreadableFile(error) ?? String(error.message));
      return void 0;
    }
    return this.recordFromText(file, text, asset, version);
  }
  /** A loose record file's text, parsed and checked; undefined (reported) when it is not that record. */
  recordFromText(file, text, asset, version) {
    let data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      this.problem(file, `not valid JSON (${error.message})`);
      return void 0;
    }
    const parsed = parseMaterialization(data, { asset, version });
    if (parsed.ok) return parsed.value;
    this.problem(file, parsed.error);
    return void 0;
  }
  async recordIntact(asset, version) {
    const memo = this.options.memo;
    const listing = this.lastListing.get(asset);
    const block = blockOf(version);
    const from = listing?.packs.has(block) ? this.files.join(recordPackPath(asset, block)) : listing?.loose.has(version) ? this.files.join("materializations", asset, `v${version}.json`) : void 0;
    const stamp = from === void 0 ? void 0 : memo?.stamp(from);
    if (stamp && memo.intact(asset, version, stamp)) return true;
    if (stamp && listing?.packs.has(block)) this.recordPacks.delete(`${asset}\0${block}`);
    const { intact, source } = await withRecordSchemas(() => this.checkIntact(asset, version, listing));
    if (intact && stamp && source === from) memo.noteIntact(asset, version, stamp);
    return intact;
  }
  /** Whether the record reads, and the file that gave it when it was one file read whole. */
  async checkIntact(asset, version, listing) {
    const checked = this.options.checked;
    const readWhole = async () => ({ intact: await this.materialization(asset, version) !== void 0 });
    if (!checked) return readWhole();
    const block = blockOf(version);
    const listedLoose = listing?.loose.has(version) && !listing.packs.has(block);
    if (!listedLoose && this.recordPack(asset, block)?.record(version))
      return { intact: true, source: this.files.join(recordPackPath(asset, block)) };
    const file = this.files.join("materializations", asset, `v${version}.json`);
    let text;
    try {
      text = readText(file);
    } catch {
      return readWhole();
    }
    const digest = checked.digest(asset, version, text);
    if (checked.has(digest)) return { intact: true, source: file };
    if (!this.recordFromText(file, text, asset, version)) return { intact: false };
    checked.add(digest);
    return { intact: true, source: file };
  }
  async series(record) {
    if (!record.seriesFile) return record.series;
    const wanted = record.seriesFile.path;
    const packed = this.seriesPack(record.asset, blockOf(record.version))?.get(record.version);
    if (packed?.path === wanted) return packed.points;
    const file = path8.join(this.dir, wanted);
    let text;
    try {
      text = await readIfPresent(file);
    } catch (error) {
      this.problem(file, String(error.message));
      return [];
    }
    if (text === void 0) {
      const elsewhere = await this.seriesInPacks(record.asset, wanted);
      if (elsewhere) return elsewhere;
      this.problem(file, `the series of ${record.asset} v${record.version} is missing; shown without it`);
      return [];
    }
    const { points, problems } = parseSeriesText(text);
    for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
    return points;
  }
  /** A series file's points wherever a pack of the asset holds them. */
  async seriesInPacks(asset, wanted) {
    for (const name of await listDir(path8.join(this.dir, "series", asset))) {
      const block = packBlock(name);
      if (block === void 0) continue;
      const points = this.seriesPack(asset, block)?.find(wanted);
      if (points) return points;
    }
    return void 0;
  }
  async failures(asset) {
    const records = [];
    if (!this.mayHave("failures", asset)) return records;
    const dir = this.files.join("failures", asset);
    for (const name of await listDir(dir)) {
      if (name.startsWith(".tmp-")) continue;
      const file = path8.join(dir, name);
      const data = await this.readJson(file);
      if (data === void 0) continue;
      const parsed = await parseFailure(data, asset);
      if (!parsed.ok) this.problem(file, parsed.error);
      else records.push(parsed.value);
    }
    return records.sort((a, b) => a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0);
  }
  /**
   * The head and the packing of a claimed record. The version is recorded once its file is
   * linked: a failure here (a full disk, a heads log that cannot be appended) loses nothing the
   * next reader cannot derive from the record, so it is reported as a problem, never as a failed
   * version (and never taken for a lost claim, which would record the version again).
   */
  async afterClaim(full) {
    const heads = path8.join(this.dir, headsPath(full.asset));
    try {
      await appendLines(heads, [headLine(full)], { durable: false });
      await this.packCompleted(full.asset, full.version);
    } catch (error) {
      this.problem(
        heads,
        `v${full.version} was recorded, but its head or pack could not be written (${error.message}); readers derive it from the record`
      );
    }
  }
  async recordMaterialization(record) {
    const dir = path8.join(this.dir, "materializations", record.asset);
    await this.wrote("materializations", record.asset);
    const named = (await this.readAliasLog(record.asset)).events.map((e) => e.to);
    const taken = this.highestTaken.get(record.asset);
    let version = nextVersion(taken === void 0 ? await listDir(dir) : [], [...named, taken ?? 0]);
    const separated = separateSeries({ schema: RECORD_SCHEMA, ...record, version });
    if (separated.series)
      await writeOnce(
        path8.join(this.dir, separated.series.path),
        separated.series.text ?? { file: separated.series.file }
      );
    for (; ; ) {
      const full = { ...separated.record, version };
      const temp = path8.join(dir, `.tmp-${randomUUID2()}`);
      await writeSynced(temp, `${JSON.stringify(full, null, 2)}
`);
      try {
        const target = path8.join(dir, `v${version}.json`);
        linkSync(temp, target);
        if (existsSync2(path8.join(this.dir, recordPackPath(record.asset, blockOf(version))))) {
          removeIfPresent(target);
          version = nextVersion(await listDir(dir), named);
          continue;
        }
        this.sawTaken(record.asset, version);
        await this.afterClaim(full);
        return full;
      } catch (error) {
        if (error.code !== "EEXIST") throw error;
        version = nextVersion([...await listDir(dir), `v${version}.json`], named);
      } finally {
        unlinkSync(temp);
      }
    }
  }
  /**
   * Packs every completed block of the asset still kept loose (the block this write completed, and
   * those of a ledger written before packs), and removes loose files a kill left beside a pack.
   * Packing only saves reading: when it cannot be done now, the files stay as they are, readable,
   * and the next write tries again.
   */
  async packCompleted(asset, highest) {
    const blocks = completedBlocks(highest);
    if (blocks === 0) return;
    try {
      const listing = classifyEntries(
        await listDir(path8.join(this.dir, "materializations", asset)),
        versionOfFile
      );
      for (let block = 0; block < blocks; block++) {
        const { first, last } = blockRange(block);
        const loose = [];
        for (let v = first; v <= last; v++) if (listing.loose.has(v)) loose.push(v);
        if (loose.length === 0) continue;
        if (listing.packs.has(block))
          await withRecordSchemas(() => this.removeLeftovers(asset, block, loose));
        else if (loose.length === last - first + 1) await this.packBlock(asset, block);
      }
    } catch (error) {
      if (!isSystemError(error)) throw error;
    }
  }
  /**
   * Writes the packs of a completed block, then removes the loose files they hold. Another process
   * may pack the same block at the same time: both build the same bytes, the second link finds the
   * first's pack and compares it, and a loose file the other already removed ends this one's try.
   */
  async packBlock(asset, block) {
    const dir = path8.join(this.dir, "materializations", asset);
    const { first, last } = blockRange(block);
    const loose = [];
    for (let version = first; version <= last; version++) {
      const text = readIfExists(path8.join(dir, `v${version}.json`));
      if (text === void 0) return;
      loose.push({ version, text });
    }
    const built = await withRecordSchemas(
      () => buildPacks(asset, block, loose, (file) => {
        const full = path8.join(this.dir, file);
        try {
          return statSync(full).size > PACKED_SERIES_MAX_BYTES ? void 0 : readText(full);
        } catch {
          return void 0;
        }
      })
    );
    if (!built.ok) return;
    const { records, series } = built.value;
    if (series && !await placeOnce(path8.join(this.dir, seriesPackPath(asset, block)), series.text)) return;
    if (!await placeOnce(path8.join(this.dir, recordPackPath(asset, block)), records)) return;
    for (let version = first; version <= last; version++) removeIfPresent(path8.join(dir, `v${version}.json`));
    for (const file of series?.paths ?? []) removeIfPresent(path8.join(this.dir, file));
  }
  /** Loose files a kill left beside a whole pack (identical copies): removed once the pack reads whole. */
  removeLeftovers(asset, block, loose) {
    const pack = this.recordPack(asset, block);
    if (!pack?.whole()) return;
    const series = this.seriesPack(asset, block);
    if (series && !series.whole()) return;
    const dir = path8.join(this.dir, "materializations", asset);
    for (const version of loose) removeIfPresent(path8.join(dir, `v${version}.json`));
    for (const file of series?.paths() ?? []) removeIfPresent(path8.join(this.dir, file));
  }
  async recordFailure(record) {
    const full = { schema: RECORD_SCHEMA, ...record };
    const file = path8.join(this.dir, failurePath(record.asset, record.startedAt));
    await replaceAtomically(file, `${JSON.stringify(full, null, 2)}
`);
    await this.wrote("failures", record.asset);
    return full;
  }
  aliasFile(asset) {
    return path8.join(this.dir, aliasPath(asset));
  }
  /** The readable events of an asset's alias log and the damage of the rest. */
  async readAliasLog(asset) {
    const file = this.aliasFile(asset);
    if (!existsSync2(file)) return { events: [], damage: [] };
    let text;
    try {
      text = readText(file);
    } catch (error) {
      if (error.code !== "ENOENT") {
        const why = unreadableFile(error);
        if (!why) throw unreadable(file, error);
        return {
          events: [],
          damage: [
            {
              path: file,
              message: `${why}: the alias history of ${asset} cannot be read, so promotion of ${asset} stops`,
              fix: `move it aside and put back the alias log from a backup (or the ledger branch's history); \`kiln aliases ${asset}\` then shows what Kiln reads`
            }
          ]
        };
      }
    }
    if (text === void 0) return { events: [], damage: [] };
    const { events, problems } = await parseAliasLog(text, asset);
    return {
      events,
      damage: problems.map((p) => unreadableLineDamage(asset, `${file}:${p.line}`, p.message))
    };
  }
  async aliasState(asset) {
    const log = await this.readAliasLog(asset);
    if (log.events.length === 0 && log.damage.length === 0) return { history: [], damage: [] };
    const listed = new Set(await this.listedVersions(asset));
    const versions = await holdersWithRecords(log.events, listed, (v) => this.materialization(asset, v));
    const { effective, missing } = replayAliases(log.events, versions);
    const damage = [...log.damage, ...missingHolderDamage(asset, this.aliasFile(asset), missing)];
    for (const d of damage) this.problem(d.path, d.message, d.fix);
    return { history: effective, damage };
  }
  async aliasHistory(asset) {
    return (await this.aliasState(asset)).history;
  }
  async aliasedAssets() {
    const logs = await listDir(path8.join(this.dir, ALIASES_FOLDER));
    return new Set(
      logs.filter((name) => name.endsWith(".jsonl")).map((name) => name.slice(0, -".jsonl".length))
    );
  }
  async moveAlias(request) {
    const event = { ...request, at: request.at ?? (/* @__PURE__ */ new Date()).toISOString(), id: randomUUID2() };
    if (event.to !== null) {
      const listing = await this.listRecords(event.asset);
      const packed = listing.packs.has(blockOf(event.to));
      if (!packed && !listing.loose.has(event.to)) return false;
      if (!await this.readRecord(event.asset, event.to, packed)) return false;
    }
    await appendLines(this.aliasFile(request.asset), [JSON.stringify(event)], { durable: true });
    crashPoint("during-alias");
    const history = await this.aliasHistory(request.asset);
    return history.some((e) => e.id === event.id);
  }
  async addLocations(asset, version, locations) {
    if (locations.length === 0) return;
    await appendLines(
      path8.join(this.dir, locationsPath(asset, version)),
      locations.map((l) => JSON.stringify(l)),
      { durable: true }
    );
  }
  async locations(asset, version) {
    const file = path8.join(this.dir, locationsPath(asset, version));
    const text = await readIfPresent(file);
    if (text === void 0) return [];
    const { locations, problems } = await parseLocationLog(text);
    for (const p of problems) this.problem(`${file}:${p.line}`, p.message);
    return locations;
  }
  async readCursor(scope) {
    for (const at of cursorPaths(scope)) {
      const file = path8.join(this.dir, at);
      const text = await readIfPresent(file);
      if (text === void 0) continue;
      return await cursorOf(scope, text, (message) => this.problem(file, message));
    }
    return void 0;
  }
  async writeCursor(state) {
    await replaceAtomically(
      path8.join(this.dir, cursorPath(state.scope)),
      `${JSON.stringify(state, null, 2)}
`
    );
  }
};

// src/ledger/adopt-local.ts
var OWNER_FILE = ".legacy-owner";
async function claim(file, project) {
  try {
    const handle = await open(file, "wx");
    try {
      await handle.writeFile(`${project}
`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return project;
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
    return (await readFile(file, "utf8")).trim();
  }
}
async function adoptLocalLegacy(base, project) {
  const legacy = (await listDir(base)).filter(isLegacyEntry);
  if (legacy.length === 0) return [];
  await mkdir(path9.join(base, PROJECTS_DIR), { recursive: true });
  const owner = await claim(path9.join(base, PROJECTS_DIR, OWNER_FILE), project);
  if (owner !== project) {
    return legacy.map((name) => ({
      path: path9.join(base, name),
      message: `left from before projects existed and adopted by project ${owner}; project ${project} does not read it`
    }));
  }
  const target = path9.join(base, projectDir(project));
  await mkdir(target, { recursive: true });
  const problems = [];
  for (const name of legacy) {
    try {
      await rename(path9.join(base, name), path9.join(target, name));
    } catch (error) {
      const code = error.code;
      if (code === "ENOENT") continue;
      if (code === "ENOTEMPTY" || code === "EEXIST" || code === "EISDIR" || code === "ENOTDIR") {
        problems.push({
          path: path9.join(base, name),
          message: `from before projects existed, but ${path9.join(target, name)} exists already; not read (merge it by hand if it is this project's)`
        });
        continue;
      }
      throw error;
    }
  }
  return problems;
}

// src/ledger/checked-records.ts
var FORMAT2 = 1;
var CheckedRecords = class {
  constructor(kilnDir2, project) {
    this.kilnDir = kilnDir2;
    this.project = project;
  }
  kilnDir;
  project;
  known;
  /** Digests asked about by this process, found intact: what the next file lists. */
  used = /* @__PURE__ */ new Set();
  learned = false;
  saveSoon = onceAfterBurst(() => this.save());
  get file() {
    return cacheFile(this.kilnDir, `checked-records-${encodeURIComponent(this.project)}.txt`);
  }
  /** Read on first use; anything but a file this build wrote counts as empty. */
  load() {
    if (!this.known) {
      const lines = (readCacheText(this.file) ?? "").split("\n");
      this.known = lines[0] === cacheStamp(FORMAT2) ? new Set(lines.slice(1)) : /* @__PURE__ */ new Set();
    }
    return this.known;
  }
  digest(asset, version, text) {
    return sha256(`${asset}\0${version}\0${text}`);
  }
  /** Whether these exact bytes were found intact before. */
  has(digest) {
    if (!this.load().has(digest)) return false;
    this.used.add(digest);
    return true;
  }
  /** Notes bytes just parsed and checked; the file is rewritten once the current burst of reads is done. */
  add(digest) {
    this.load().add(digest);
    this.used.add(digest);
    this.learned = true;
    this.saveSoon();
  }
  save() {
    if (!this.learned) return;
    this.learned = false;
    const known = this.load();
    const kept = known.size > 2 * this.used.size + 100 ? this.used : known;
    writeCacheText(this.kilnDir, this.file, `${cacheStamp(FORMAT2)}
${[...kept].join("\n")}`);
  }
};

// src/ledger/read-memo.ts
import { rmSync, statSync as statSync3 } from "node:fs";

// src/paths/file-identity.ts
import { statSync as statSync2 } from "node:fs";
var RACY_MS = 3e3;
var SKEW_MS = 1e3;
function stampOf(stats, at, racyMs = RACY_MS) {
  const key = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  return { key, keep: Number(stats.ctimeNs / 1000000n) < at - racyMs };
}
function statNow(file) {
  const at = Date.now();
  try {
    const stats = statSync2(file, { bigint: true, throwIfNoEntry: false });
    return stats ? { stats, at } : void 0;
  } catch {
    return void 0;
  }
}
function writtenBehind(file, before, start) {
  const written = statSync2(file, { throwIfNoEntry: false });
  return written !== void 0 && written.ino !== before && written.mtimeMs < start - SKEW_MS;
}

// src/ledger/read-memo.ts
var FORMAT3 = 1;
var LedgerReadMemo = class {
  constructor(kilnDir2, project, racyMs = RACY_MS) {
    this.kilnDir = kilnDir2;
    this.project = project;
    this.racyMs = racyMs;
  }
  kilnDir;
  project;
  racyMs;
  kept;
  /** What this process read, by asset: replaces the kept entry's parts on save. */
  read = /* @__PURE__ */ new Map();
  learned = false;
  saveSoon = onceAfterBurst(() => this.save());
  get file() {
    return cacheFile(this.kilnDir, `ledger-reads-${encodeURIComponent(this.project)}.json`);
  }
  /** Read on first use; anything but a file this build wrote counts as empty. */
  load() {
    if (!this.kept) {
      this.kept = /* @__PURE__ */ new Map();
      const text = readCacheText(this.file);
      if (text !== void 0) {
        try {
          const data = JSON.parse(text);
          if (data.stamp === cacheStamp(FORMAT3) && data.assets && typeof data.assets === "object")
            this.kept = new Map(Object.entries(data.assets));
        } catch {
        }
      }
    }
    return this.kept;
  }
  /**
   * The identity of `file` now, taken before it is read; undefined when it cannot be stat'd for
   * another reason than absence (the reader then reads it, and reports what it finds).
   */
  stamp(file) {
    const at = Date.now();
    let stats;
    try {
      stats = statSync3(file, { bigint: true, throwIfNoEntry: false });
    } catch {
      return void 0;
    }
    if (!stats) return { key: "absent", keep: false };
    return stampOf(stats, at, this.racyMs);
  }
  noted(asset) {
    let entry = this.read.get(asset);
    if (!entry) {
      entry = {};
      this.read.set(asset, entry);
    }
    return entry;
  }
  learn() {
    this.learned = true;
    this.saveSoon();
  }
  /** The listing read from the asset's folder when it had identity `stamp`. */
  listing(asset, stamp) {
    const kept = this.load().get(asset)?.listing;
    if (kept?.stamp !== stamp.key) return void 0;
    this.noted(asset).listing = kept;
    return { loose: new LooseRanges(kept.loose), packs: new Set(kept.packs), foreign: [] };
  }
  /** Notes a listing read after the folder was stat'd (one with foreign names is not kept: they are reported each time). */
  noteListing(asset, stamp, listing) {
    if (!stamp.keep || listing.foreign.length > 0) return;
    const loose = [];
    for (const version of listedVersions({ ...listing, packs: /* @__PURE__ */ new Set() })) {
      if (loose.length > 0 && loose.at(-1) === version - 1) loose[loose.length - 1] = version;
      else loose.push(version, version);
    }
    this.noted(asset).listing = { stamp: stamp.key, loose, packs: [...listing.packs].sort((a, b) => a - b) };
    this.learn();
  }
  /** The heads read from the asset's heads log when it had identity `stamp`. */
  heads(asset, stamp) {
    const kept = this.load().get(asset)?.heads;
    return kept?.stamp === stamp.key ? kept.heads : void 0;
  }
  /** Notes a head a lookup answered with, read from the log stat'd as `stamp` (or known from it). */
  useHead(asset, stamp, head) {
    if (!stamp.keep) return;
    const entry = this.noted(asset);
    if (entry.heads?.stamp !== stamp.key) entry.heads = { stamp: stamp.key, heads: [] };
    if (entry.heads.heads.some((h) => h.version === head.version)) return;
    entry.heads.heads.push(head);
    if (!this.load().get(asset)?.heads?.heads.some((h) => h.version === head.version))
      this.learn();
  }
  /** Whether the record of `version` was found intact in the file that has identity `stamp`. */
  intact(asset, version, stamp) {
    if (this.load().get(asset)?.intact?.[version] !== stamp.key) return false;
    const entry = this.noted(asset);
    entry.intact = { ...entry.intact, [version]: stamp.key };
    return true;
  }
  /** Notes a record found intact in a file stat'd as `stamp` before it was read. */
  noteIntact(asset, version, stamp) {
    if (!stamp.keep) return;
    const entry = this.noted(asset);
    entry.intact = { ...entry.intact, [version]: stamp.key };
    this.learn();
  }
  /**
   * Writes what this process read in place of what was kept for the same assets (each part of an
   * entry on its own: a command that read only some of an asset keeps the rest); the others' entries
   * stay, still checked against their files when next used.
   */
  save() {
    if (!this.learned) return;
    this.learned = false;
    const assets = {};
    for (const [asset, entry] of this.load()) assets[asset] = entry;
    for (const [asset, entry] of this.read) assets[asset] = { ...assets[asset], ...entry };
    const start = Date.now();
    const before = statSync3(this.file, { throwIfNoEntry: false })?.ino;
    writeCacheText(this.kilnDir, this.file, JSON.stringify({ stamp: cacheStamp(FORMAT3), assets }));
    if (writtenBehind(this.file, before, start)) rmSync(this.file, { force: true });
  }
};
var LooseRanges = class {
  constructor(ranges) {
    this.ranges = ranges;
  }
  ranges;
  has(version) {
    for (let i = 0; i + 1 < this.ranges.length; i += 2)
      if (version >= this.ranges[i] && version <= this.ranges[i + 1]) return true;
    return false;
  }
  get(version) {
    return this.has(version) ? `v${version}.json` : void 0;
  }
  *keys() {
    for (let i = 0; i + 1 < this.ranges.length; i += 2)
      for (let v = this.ranges[i]; v <= this.ranges[i + 1]; v++) yield v;
  }
};

// src/ledger/open.ts
async function topLevel(options) {
  return options.gitRoot === void 0 ? repoRoot(options.root) : options.gitRoot ?? void 0;
}
async function onlyManifest(options) {
  const top = await topLevel(options);
  if (!top) return true;
  return (await filesNamed(top, MANIFEST_NAMES)).length <= 1;
}
async function remoteUrlOf(options, remote) {
  const top = await topLevel(options);
  if (top === void 0) return void 0;
  return remote === "origin" && options.originUrl ? options.originUrl() : remoteUrl(top, remote);
}
async function openLedger(options) {
  const remote = options.remote ?? "origin";
  const url = options.kind === "branch" || options.kind === "auto" && options.inActions === true ? await remoteUrlOf(options, remote) : void 0;
  if (options.kind === "branch" || options.kind === "auto" && url !== void 0) {
    const { openBranchLedger } = await import("./branch-EJQR67XV.js");
    return openBranchLedger({
      root: options.root,
      gitRoot: options.gitRoot,
      remote,
      remoteUrl: url,
      branch: options.branch,
      project: options.project,
      token: options.token,
      // Asked only when the branch still has the old layout: listing manifests costs a git call.
      legacy: async () => options.legacy === "adopt" || await onlyManifest(options) ? "adopt" : "ignore"
    });
  }
  const base = path10.join(options.root, ".kiln", "ledger");
  const problems = await adoptLocalLegacy(base, options.project);
  const ledger = new LocalLedger(path10.join(base, projectDir(options.project)), {
    description: `${base} (project ${options.project})`,
    checked: new CheckedRecords(path10.join(options.root, KILN_DIR_NAME), options.project),
    memo: new LedgerReadMemo(path10.join(options.root, KILN_DIR_NAME), options.project)
  });
  for (const problem of problems) ledger.note(problem);
  return ledger;
}
async function openReader(spec) {
  if (spec.kind === "local") return new LocalLedger(spec.dir, { description: spec.description });
  const { BranchLedger } = await import("./branch-EJQR67XV.js");
  return new BranchLedger({
    cwd: spec.cwd,
    remote: spec.remote,
    branch: spec.branch,
    project: spec.project,
    at: { tip: spec.tip }
  });
}

// src/github/context.ts
import { readFileSync as readFileSync2 } from "node:fs";
function inGitHubActions(env) {
  return env.GITHUB_ACTIONS === "true";
}
function readGitHubContext(env, readEvent = (p) => readFileSync2(p, "utf8")) {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner, repo] = repository.split("/");
  if (!owner || !repo) {
    return {
      ok: false,
      message: `GITHUB_REPOSITORY is ${repository ? `"${repository}"` : "not set"}; expected owner/repo, as GitHub Actions sets it.`
    };
  }
  const runId = env.GITHUB_RUN_ID ?? "";
  if (!/^\d+$/.test(runId)) {
    return {
      ok: false,
      message: `GITHUB_RUN_ID is ${runId ? `"${runId}"` : "not set"}; expected the numeric run id GitHub Actions sets.`
    };
  }
  let event = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      const parsed = JSON.parse(readEvent(env.GITHUB_EVENT_PATH));
      if (parsed && typeof parsed === "object") event = parsed;
    } catch (error) {
      return {
        ok: false,
        message: `cannot read the event payload at GITHUB_EVENT_PATH (${env.GITHUB_EVENT_PATH}): ${error.message}`
      };
    }
  }
  const serverUrl = trimSlash(env.GITHUB_SERVER_URL || "https://github.com");
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const ref = env.GITHUB_REF ?? "";
  return {
    ok: true,
    context: {
      repository,
      owner,
      repo,
      serverUrl,
      apiUrl: trimSlash(env.GITHUB_API_URL || "https://api.github.com"),
      runId,
      runAttempt: Number(env.GITHUB_RUN_ATTEMPT || 1),
      runUrl: runUrlOf(serverUrl, repository, runId),
      sha: env.GITHUB_SHA ?? "",
      ref,
      refName: env.GITHUB_REF_NAME || ref.replace(/^refs\/(heads|tags)\//, ""),
      headRef: env.GITHUB_HEAD_REF || void 0,
      baseRef: env.GITHUB_BASE_REF || void 0,
      eventName,
      actor: env.GITHUB_ACTOR || void 0,
      workflow: env.GITHUB_WORKFLOW || void 0,
      pullRequest: pullRequestOf(event, repository),
      schedule: eventName === "schedule" && typeof event.schedule === "string" ? event.schedule : void 0,
      event
    }
  };
}
function pullRequestOf(event, repository) {
  const pr = event.pull_request;
  if (!pr || typeof pr !== "object" || typeof pr.number !== "number") return void 0;
  const head = pr.head ?? {};
  const base = pr.base ?? {};
  const baseRepo = base.repo?.full_name ?? repository;
  const fromFork = head.repo === null || head.repo?.full_name !== void 0 && head.repo.full_name !== baseRepo;
  return {
    number: pr.number,
    headSha: head.sha ?? "",
    baseSha: base.sha ?? "",
    headRef: head.ref ?? "",
    baseRef: base.ref ?? "",
    fromFork
  };
}
function eventDefaultBranch(env, readEvent = (p) => readFileSync2(p, "utf8")) {
  if (!inGitHubActions(env) || !env.GITHUB_EVENT_PATH) return void 0;
  try {
    const event = JSON.parse(readEvent(env.GITHUB_EVENT_PATH));
    const branch = event?.repository?.default_branch;
    return typeof branch === "string" && branch ? branch : void 0;
  } catch {
    return void 0;
  }
}
function trimSlash(url) {
  return url.replace(/\/+$/, "");
}
function runUrlOf(serverUrl, repository, runId) {
  return `${trimSlash(serverUrl)}/${repository}/actions/runs/${runId}`;
}
function runUrlFromEnv(env) {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return void 0;
  return runUrlOf(env.GITHUB_SERVER_URL || "https://github.com", env.GITHUB_REPOSITORY, env.GITHUB_RUN_ID);
}

// src/paths/place.ts
import { randomUUID as randomUUID3 } from "node:crypto";
import { copyFile, mkdir as mkdir2, rename as rename2, rm } from "node:fs/promises";
import path11 from "node:path";
async function moveInto(temp, dest) {
  await mkdir2(path11.dirname(dest), { recursive: true });
  try {
    await rename2(temp, dest);
    return;
  } catch (error) {
    if (error.code !== "EXDEV") throw error;
  }
  const near = path11.join(path11.dirname(dest), `.kiln-tmp-${randomUUID3()}`);
  try {
    await copyFile(temp, near);
    await rename2(near, dest);
  } finally {
    await rm(near, { force: true });
  }
}
async function writeInto(root, file, produce) {
  const dest = await insideOrThrow(root, file, "write");
  const dir = kilnTempDir(root);
  await makeStateDir(dir);
  const temp = path11.join(dir, randomUUID3());
  try {
    await produce(temp);
    await moveInto(temp, dest);
  } finally {
    await rm(temp, { force: true });
  }
}

// src/app/workspace.ts
import path16 from "node:path";

// src/store/output-identities.ts
import { readFileSync as readFileSync3, rmSync as rmSync2, statSync as statSync4 } from "node:fs";
import path12 from "node:path";
var FORMAT4 = 1;
var MAX_FILES = 1e5;
var OutputIdentities = class {
  constructor(kilnDir2, options = {}) {
    this.kilnDir = kilnDir2;
    this.racyMs = options.racyMs ?? RACY_MS;
    this.maxFiles = options.maxFiles ?? MAX_FILES;
  }
  kilnDir;
  kept;
  /** What this process learned, by root and path; null: the kept entry no longer holds. */
  learned = /* @__PURE__ */ new Map();
  saveSoon = onceAfterBurst(() => this.save());
  unsaved = false;
  racyMs;
  maxFiles;
  get file() {
    return this.kilnDir === void 0 ? void 0 : cacheFile(this.kilnDir, "output-identities.json");
  }
  /**
   * Read on first use; anything but a file this build wrote counts as empty. Kept as parsed (no
   * maps built): a run of 2,000 fresh assets looks each of its outputs up once.
   */
  load() {
    if (this.kept) return this.kept;
    this.kept = {};
    const text = this.file === void 0 ? void 0 : readCacheText(this.file);
    if (text === void 0) return this.kept;
    try {
      const data = JSON.parse(text);
      if (data.stamp === cacheStamp(FORMAT4) && data.roots && typeof data.roots === "object")
        this.kept = data.roots;
    } catch {
    }
    return this.kept;
  }
  noted(root, file) {
    const learned = this.learned.get(root)?.get(file);
    if (learned !== void 0) return learned ?? void 0;
    const kept = this.load();
    const files = Object.hasOwn(kept, root) ? kept[root] : void 0;
    const noted = files && Object.hasOwn(files, file) ? files[file] : void 0;
    return isNoted(noted) ? noted : void 0;
  }
  /**
   * Whether `file` (relative to `root`; `absolute` is where it is) holds `expected`: false when it
   * is absent, not a regular file or of another size; else by its identity when noted, else by
   * hashing it (noted then).
   */
  async holds(root, file, expected, absolute = path12.resolve(root, file)) {
    const now = statNow(absolute);
    if (!now?.stats.isFile() || now.stats.size !== BigInt(expected.size)) return false;
    const stamp = stampOf(now.stats, now.at, this.racyMs);
    const noted = this.noted(root, file);
    if (noted?.[0] === stamp.key) return noted[1] === expected.blob;
    let actual;
    try {
      actual = expected.size <= SMALL_FILE_BYTES ? blobId(readFileSync3(absolute)) : await blobIdOfFile(absolute);
    } catch {
      return false;
    }
    this.note(root, file, stamp, actual);
    return actual === expected.blob;
  }
  /** The identity of `file` now, before it is read to be stored (see note); undefined when absent. */
  stamp(root, file, absolute = path12.resolve(root, file)) {
    const now = statNow(absolute);
    return now ? stampOf(now.stats, now.at, this.racyMs) : void 0;
  }
  /**
   * Notes that `file`, stat'd as `stamp` before it was read, held `blob`. An identity too young to
   * keep only drops what was noted for the path before.
   */
  note(root, file, stamp, blob) {
    const entry = stamp?.keep ? [stamp.key, blob, Date.now()] : null;
    const before = this.noted(root, file);
    if (entry === null ? before === void 0 : before?.[0] === entry[0] && before[1] === blob) return;
    let files = this.learned.get(root);
    if (!files) {
      files = /* @__PURE__ */ new Map();
      this.learned.set(root, files);
    }
    files.set(file, entry);
    if (this.file === void 0) return;
    this.unsaved = true;
    this.saveSoon();
  }
  /**
   * Writes what this process learned over what was kept (concurrent commands in one checkout: the
   * last to save wins, and the other's files are hashed once more), the most recently noted first.
   */
  save() {
    const file = this.file;
    if (!this.unsaved || file === void 0 || this.kilnDir === void 0) return;
    this.unsaved = false;
    const all = [];
    for (const [root, files] of Object.entries(this.load())) {
      const learned = this.learned.get(root);
      for (const [name, noted] of Object.entries(files))
        if (!learned?.has(name) && isNoted(noted)) all.push([root, name, noted]);
    }
    for (const [root, files] of this.learned)
      for (const [name, noted] of files) if (noted) all.push([root, name, noted]);
    if (all.length > this.maxFiles) all.sort((a, b) => b[2][2] - a[2][2]).length = this.maxFiles;
    const roots = /* @__PURE__ */ Object.create(null);
    for (const [root, name, noted] of all) {
      let files = roots[root];
      if (!files) {
        files = /* @__PURE__ */ Object.create(null);
        roots[root] = files;
      }
      files[name] = noted;
    }
    const start = Date.now();
    const before = statSync4(file, { throwIfNoEntry: false })?.ino;
    writeCacheText(this.kilnDir, file, JSON.stringify({ stamp: cacheStamp(FORMAT4), roots }));
    if (writtenBehind(file, before, start)) rmSync2(file, { force: true });
  }
};
function isNoted(value) {
  return Array.isArray(value) && value.length === 3 && typeof value[0] === "string" && typeof value[1] === "string" && typeof value[2] === "number";
}

// src/store/local.ts
import { createHash as createHash3, randomUUID as randomUUID4 } from "node:crypto";
import {
  closeSync as closeSync3,
  createWriteStream,
  existsSync as existsSync3,
  fstatSync as fstatSync2,
  mkdirSync,
  openSync as openSync4,
  readSync as readSync2,
  renameSync as renameSync2,
  rmSync as rmSync3,
  writeSync as writeSync3
} from "node:fs";
import { mkdir as mkdir3, open as open2, rename as rename3, rm as rm2, stat as stat3 } from "node:fs/promises";
import path13 from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
var StoreCorruptionError = class extends UserError {
  constructor(objectPath, expected, actual) {
    super(
      `the store object ${objectPath} is corrupt: it should hash to ${expected} but hashes to ${actual}; delete it and rebuild the asset with --force`
    );
    this.objectPath = objectPath;
    this.expected = expected;
    this.actual = actual;
    this.name = "StoreCorruptionError";
  }
  objectPath;
  expected;
  actual;
};
async function copyHashing(source, dest) {
  const input = await open2(source, "r");
  try {
    const { size } = await input.stat();
    const hash = createHash3("sha1").update(`blob ${size}\0`);
    let copied = 0;
    const tee = new Transform({
      transform(chunk, _encoding, done) {
        hash.update(chunk);
        copied += chunk.length;
        done(null, chunk);
      }
    });
    const output = createWriteStream(dest, { flags: "wx" });
    await pipeline(input.createReadStream({ autoClose: false }), tee, output);
    if (copied !== size) {
      throw new Error(
        `${source} changed while it was being stored (${size} bytes, then ${copied}); run again`
      );
    }
    return { blob: hash.digest("hex"), size };
  } finally {
    await input.close();
  }
}
async function fileBlob(file) {
  const { size } = await stat3(file);
  return { blob: await blobIdOfFile(file), size };
}
function readSmall(file) {
  const fd = openSync4(file, "r");
  try {
    const before = fstatSync2(fd, { bigint: true });
    if (before.size > BigInt(SMALL_FILE_BYTES)) return void 0;
    const bytes = Buffer.allocUnsafe(Number(before.size));
    let read = 0;
    while (read < bytes.length) {
      const n = readSync2(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    const after = fstatSync2(fd, { bigint: true });
    if (read !== bytes.length || after.size !== before.size || after.ctimeNs !== before.ctimeNs)
      throw new Error(`${file} changed while it was being stored; run again`);
    return bytes;
  } finally {
    closeSync3(fd);
  }
}
async function syncFile(file) {
  const handle = await open2(file, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
var LocalStore = class {
  /** `dir` is the store folder itself, normally `<root>/.kiln/store`. */
  constructor(dir) {
    this.dir = dir;
    this.description = dir;
    this.objects = new Folder(dir);
  }
  dir;
  kind = "local";
  description;
  /** `dir`, for object paths (a status asks one per asset; see paths/join.ts). */
  objects;
  /** Where the object with this blob id lives: git's own fan-out, `ab/cdef…`. */
  objectPath(blob) {
    if (!/^[0-9a-f]{40}$/.test(blob)) throw new Error(`not a git blob id: ${JSON.stringify(blob)}`);
    return this.objects.join(blob.slice(0, 2), blob.slice(2));
  }
  async hasBlob(blob) {
    return this.hasBlobSync(blob);
  }
  /**
   * Whether the object exists (false for a malformed id): one synchronous stat. `kiln status` asks
   * this for every fresh asset's outputs; a thread-pool round trip per object was a sixth of its
   * CPU time at 2,000 assets, for a call that takes microseconds.
   */
  hasBlobSync(blob) {
    try {
      return existsSync3(this.objectPath(blob));
    } catch {
      return false;
    }
  }
  async put(filePath) {
    const small = readSmall(filePath);
    if (small) return this.putBytes(small);
    const seen = await fileBlob(filePath);
    if (this.hasBlobSync(seen.blob)) return seen;
    await makeStateDir(this.dir);
    const temp = path13.join(this.dir, `.tmp-${randomUUID4()}`);
    try {
      const stored = await copyHashing(filePath, temp);
      if (stored.blob !== seen.blob) {
        throw new Error(`${filePath} changed while it was being stored; run again`);
      }
      const target = this.objectPath(stored.blob);
      if (this.hasBlobSync(stored.blob)) return stored;
      await syncFile(temp);
      await mkdir3(path13.dirname(target), { recursive: true });
      await rename3(temp, target);
      return stored;
    } finally {
      await rm2(temp, { force: true });
    }
  }
  /**
   * Stores bytes already in memory: hashed, and when new, written to a temporary file in the store,
   * synced (the one round trip to the thread pool) and renamed into place, whole or not at all.
   */
  async putBytes(bytes) {
    const stored = { blob: blobId(bytes), size: bytes.length };
    if (this.hasBlobSync(stored.blob)) return stored;
    const temp = path13.join(this.dir, `.tmp-${randomUUID4()}`);
    const fd = openInStateDir(temp, "wx");
    try {
      try {
        for (let written = 0; written < bytes.length; )
          written += writeSync3(fd, bytes, written, bytes.length - written);
        await syncDescriptor(fd);
      } finally {
        closeSync3(fd);
      }
      const target = this.objectPath(stored.blob);
      try {
        renameSync2(temp, target);
      } catch (error) {
        if (error.code !== "ENOENT") throw error;
        mkdirSync(path13.dirname(target), { recursive: true });
        renameSync2(temp, target);
      }
      return stored;
    } finally {
      rmSync3(temp, { force: true });
    }
  }
  async get(blob, destPath) {
    if (!await this.hasBlob(blob)) return false;
    const source = this.objectPath(blob);
    const temp = path13.join(this.dir, `.tmp-${randomUUID4()}`);
    try {
      const copied = await copyHashing(source, temp);
      if (copied.blob !== blob) throw new StoreCorruptionError(source, blob, copied.blob);
      await syncFile(temp);
      await moveInto(temp, destPath);
      return true;
    } finally {
      await rm2(temp, { force: true });
    }
  }
  /** Re-hashes one object; undefined when it is intact or absent, else the corruption. */
  async verify(blob) {
    if (!await this.hasBlob(blob)) return void 0;
    const actual = await blobIdOfFile(this.objectPath(blob));
    return actual === blob ? void 0 : new StoreCorruptionError(this.objectPath(blob), blob, actual);
  }
  // ---- the Store interface: a version is here when every one of its blobs is ----
  async has(version) {
    return this.hasNow(version);
  }
  /** `has`, answered synchronously (a status asks it of every fresh asset; see StoreChain.available). */
  hasNow(version) {
    for (const output of Object.values(version.outputs)) if (!this.hasBlobSync(output.blob)) return false;
    return true;
  }
  async restore(version, root) {
    if (!await this.has(version)) return false;
    for (const [file, output] of Object.entries(version.outputs)) {
      if (!await this.get(output.blob, await insideOrThrow(root, file, "write"))) return false;
    }
    return true;
  }
  async save(version, root) {
    for (const [file, output] of Object.entries(version.outputs)) {
      const stored = await this.put(await insideOrThrow(root, file, "read"));
      if (stored.blob !== output.blob) {
        throw new Error(
          `${file} changed while ${version.asset} v${version.version} was being stored; run again`
        );
      }
    }
    return [{ kind: "local", ref: this.description }];
  }
  describeLookup() {
    return this.description;
  }
};

// src/store/chain.ts
import { rm as rm4 } from "node:fs/promises";
import path15 from "node:path";

// src/store/unlisted-files.ts
import { lstat as lstat3, readdir as readdir2, rm as rm3, rmdir } from "node:fs/promises";
import path14 from "node:path";
async function removeUnlistedFiles(root, declared, listed, mode = "all") {
  const removed = [];
  for (const output of declared) {
    if (Object.hasOwn(listed, output)) continue;
    const inside = await resolveInside(root, output);
    if (!inside.ok) continue;
    const info = await lstat3(inside.path).catch(() => void 0);
    if (!info?.isDirectory()) continue;
    const files = /* @__PURE__ */ new Set();
    const folders = /* @__PURE__ */ new Set();
    for (const file of Object.keys(listed)) {
      const relative = path14.relative(inside.path, path14.resolve(root, file));
      if (relative === "" || relative.startsWith("..") || path14.isAbsolute(relative)) continue;
      files.add(relative);
      for (let at = path14.dirname(relative); at !== "."; at = path14.dirname(at)) folders.add(at);
    }
    const entries = await readdir2(inside.path, { recursive: true, withFileTypes: true });
    const gone = [];
    const emptied = /* @__PURE__ */ new Set();
    const here = [];
    const isGone = (relative) => gone.some((folder) => relative.startsWith(folder + path14.sep));
    for (const entry of entries) {
      const relative = path14.relative(inside.path, path14.join(entry.parentPath, entry.name));
      if (isGone(relative)) continue;
      const directory = entry.isDirectory();
      const blocking = directory ? files.has(relative) : folders.has(relative);
      const unlisted = mode === "all" && entry.isFile() && !files.has(relative);
      if (!blocking && !unlisted) continue;
      if (directory) gone.push(relative);
      await rm3(path14.join(inside.path, relative), { recursive: true, force: true });
      here.push(relative);
      if (!directory) emptied.add(path14.dirname(relative));
    }
    const candidates = /* @__PURE__ */ new Set();
    for (let folder of emptied)
      for (; folder !== "." && !folders.has(folder); folder = path14.dirname(folder)) candidates.add(folder);
    for (const folder of [...candidates].sort((a, b) => b.length - a.length)) {
      if (isGone(folder)) continue;
      const ok = await rmdir(path14.join(inside.path, folder)).then(
        () => true,
        () => false
      );
      if (!ok) continue;
      gone.push(folder);
    }
    const reported = new Set([...here, ...gone].filter((relative) => !isGone(relative)));
    for (const relative of reported)
      removed.push(path14.relative(root, path14.join(inside.path, relative)).split(path14.sep).join("/"));
  }
  return removed;
}

// src/store/chain.ts
var TIERS = {
  cache: ["cache"],
  artifact: ["cache", "artifact"],
  release: ["cache", "artifact", "release"]
};
var StoreChain = class {
  /**
   * `remotes` may be given as a function that opens them: it is called once, when a version is
   * first looked for beyond the local store or saved. The remote backends bring the Actions
   * toolkit, Azure's SDK and Octokit, several megabytes that every workflow job would otherwise
   * compile at start, including the jobs that never leave the local store (src/store/open.ts).
   */
  constructor(local, remotes = [], options = {}) {
    this.local = local;
    this.options = options;
    this.openRemotes = typeof remotes === "function" ? remotes : async () => remotes;
    this.identities = options.identities ?? new OutputIdentities(void 0);
  }
  local;
  options;
  openRemotes;
  opened;
  /** Whether a workspace file holds a blob: every comparison of a file with a record goes here. */
  identities;
  /** The remote backends, in the order they are asked (opened on first use). */
  remotes() {
    this.opened ??= this.openRemotes();
    return this.opened;
  }
  /** Every backend in the order they are asked: the local store, then the remotes. */
  async *stores() {
    yield this.local;
    yield* await this.remotes();
  }
  /** Whether some backend can give the version's bytes (no download). */
  async available(version) {
    const has = async (store) => {
      try {
        return await store.has(version);
      } catch {
        return false;
      }
    };
    if (this.local.hasNow(version)) return true;
    for (const store of await this.remotes()) if (await has(store)) return true;
    return false;
  }
  /**
   * Puts the version's outputs at their paths under `root`, from the first backend that has them.
   * Fails with the version, the missing files and every place looked at.
   */
  async restore(root, version) {
    const files = Object.entries(version.outputs);
    const refusal = (inside) => inside.ok ? { ok: true, restored: [] } : {
      ok: false,
      error: `refusing to restore ${version.asset} v${version.version}: ${inside.error}; nothing was written (${inside.hint})`
    };
    const at = [];
    for (const [file] of files) {
      const inside = lexicallyInside(root, file);
      if (!inside.ok) return refusal(inside);
      at.push(inside.path);
    }
    const declared = this.options.declaredOutputs?.(version.asset) ?? [];
    const missing = [];
    for (const [i, [file, output]] of files.entries())
      if (!await this.identities.holds(root, file, output, at[i])) missing.push(file);
    if (missing.length === 0) {
      await removeUnlistedFiles(root, declared, version.outputs);
      return { ok: true, restored: [] };
    }
    for (const [file] of files) {
      const inside = await resolveInside(root, file);
      if (!inside.ok) return refusal(inside);
    }
    await removeUnlistedFiles(root, declared, version.outputs, "blocking");
    const looked = [];
    for await (const store of this.stores()) {
      looked.push(store.describeLookup(version));
      let got;
      try {
        got = await store.restore(version, root);
      } catch (error) {
        looked[looked.length - 1] += ` (failed: ${error instanceof Error ? error.message : String(error)})`;
        continue;
      }
      if (!got) continue;
      const wrong = [];
      for (const [i, [file, output]] of files.entries())
        if (!await this.identities.holds(root, file, output, at[i])) wrong.push(file);
      if (wrong.length > 0) {
        looked[looked.length - 1] += ` (gave other bytes for ${wrong.join(", ")})`;
        await Promise.all(wrong.map((file) => rm4(path15.resolve(root, file), { force: true }).catch(() => {
        })));
        continue;
      }
      await removeUnlistedFiles(root, declared, version.outputs);
      if (store !== this.local) await this.local.save(version, root);
      if (store.kind === "artifact" || store.kind === "release") await this.recache(version, root);
      return { ok: true, restored: missing, from: store };
    }
    return {
      ok: false,
      error: `the outputs of ${version.asset} v${version.version} (${missing.join(", ")}) are in no store; looked in ${looked.join("; ")}. Rebuild it with \`kiln run ${version.asset} --force\``
    };
  }
  /**
   * Bytes that had to come from an artifact or a release (evicted, or cached on another ref) go
   * into this ref's cache, so the run's other jobs find them there; the entry is added to the
   * ledger. Best effort: a failure here costs only a slower restore next time.
   */
  async recache(version, root) {
    const cache = (await this.remotes()).find((s) => s.kind === "cache");
    if (!cache) return;
    try {
      const locations = await cache.save(version, root);
      await this.options.recordLocations?.(version, locations);
    } catch {
    }
  }
  /**
   * Keeps a step's output file (`file`, relative to `root`) in the local store and notes what it
   * holds, so a later restore of this version does not hash it again.
   */
  async putOutput(root, file) {
    const absolute = path15.resolve(root, file);
    const stamp = this.identities.stamp(root, file, absolute);
    const stored = await this.local.put(absolute);
    this.identities.note(root, file, stamp, stored.blob);
    return stored;
  }
  /**
   * Makes a version's bytes durable in the backends its asset's `store` names, before its record
   * is written. Throws when one of them fails, so no record ever points at bytes kept nowhere.
   */
  async save(version, root, tier) {
    const locations = [];
    if (Object.keys(version.outputs).length === 0) return locations;
    for (const file of Object.keys(version.outputs)) await insideOrThrow(root, file, "read");
    const wanted = new Set(TIERS[tier]);
    if (this.options.publishPublic === false) wanted.delete("release");
    for (const store of await this.remotes()) {
      if (!wanted.has(store.kind)) continue;
      locations.push(...await store.save(version, root));
    }
    return locations;
  }
};

// src/store/open.ts
async function openStores(options) {
  const { env, token, repository } = options;
  const inJob = env.GITHUB_ACTIONS === "true" && Boolean(env.ACTIONS_RUNTIME_TOKEN);
  const runId = inJob ? env.GITHUB_RUN_ID : void 0;
  const withToken = token && repository ? { ...repository, token } : void 0;
  const run = runId ? { id: runId, url: runUrlFromEnv(env) } : void 0;
  const remotes = async () => {
    const opened = [];
    if (inJob) {
      const { ActionsCacheStore } = await import("./actions-cache-FM5MPIOL.js");
      if (ActionsCacheStore.available()) opened.push(new ActionsCacheStore(options.project.root));
    }
    if (run || withToken) {
      const { ArtifactStore } = await import("./artifact-YFYFPMV2.js");
      opened.push(
        new ArtifactStore({
          run,
          repository: withToken,
          retentionDays: (asset) => options.project.assets.get(asset)?.retentionDays
        })
      );
    }
    if (withToken) {
      const [{ GitHubClient }, { ReleaseStore }] = await Promise.all([
        import("./client-RXA3PV4O.js"),
        import("./release-236FEOGG.js")
      ]);
      const client = new GitHubClient({ ...withToken, apiUrl: env.GITHUB_API_URL });
      opened.push(new ReleaseStore({ client, project: options.project.name, commit: options.commit }));
    }
    return opened;
  };
  return new StoreChain(options.local, remotes, {
    publishPublic: !options.pullRequest,
    recordLocations: options.recordLocations,
    declaredOutputs: (asset) => options.project.assets.get(asset)?.outputs,
    identities: options.identities
  });
}

// src/github/credentials.ts
import { execFile } from "node:child_process";
function repositoryFrom(env, remote) {
  const named = /^([\w.-]+)\/([\w.-]+)$/.exec(env.GITHUB_REPOSITORY ?? "");
  if (named) return { owner: named[1], repo: named[2] };
  const url = /[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(remote ?? "");
  if (!url || !remote || !/github/i.test(remote)) return void 0;
  return { owner: url[1], repo: url[2] };
}
async function findToken(env) {
  const fromEnv = env.GITHUB_TOKEN?.trim() || env.GH_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  return new Promise((resolve) => {
    execFile(
      "gh",
      ["auth", "token"],
      { env, timeout: 1e4 },
      (error, stdout) => resolve(error ? void 0 : stdout.trim() || void 0)
    );
  });
}

// src/app/workspace.ts
async function gitFacts(cwd, env, reads) {
  const inActions = env.GITHUB_ACTIONS === "true";
  const fromEvent = eventDefaultBranch(env);
  const early = reads?.cwd === cwd ? reads : void 0;
  const found = await (early ? early.checkout : checkout(cwd));
  if (!found) return {};
  const branch = (inActions ? env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME : void 0) || found.branch;
  return {
    root: found.top,
    sha: found.head,
    branch: branch || void 0,
    base: inActions && env.GITHUB_BASE_REF || void 0,
    defaultBranch: fromEvent ?? found.remoteDefaultBranch,
    shallow: found.shallow
  };
}
function branchName(ref) {
  return ref?.replace(/^refs\/heads\//, "").replace(/^(origin|upstream)\//, "") || void 0;
}
async function openWorkspace(options) {
  const { project } = options;
  const reads = options.reads?.cwd === project.root ? options.reads : void 0;
  const git = await gitFacts(project.root, options.env, reads);
  const event = options.event ?? "local";
  const choice = decideEnvironment(project, {
    event,
    inGit: git.root !== void 0,
    branch: git.branch,
    base: branchName(options.base) ?? git.base,
    defaultBranch: git.defaultBranch,
    override: options.environment || options.env.KILN_ENV || void 0
  });
  if (!choice.ok) return { ok: false, error: choice.error, hint: choice.hint };
  const kilnDir2 = kilnDir(project.root);
  let origin;
  const originUrl = () => origin ??= git.root ? remoteUrl(git.root) : Promise.resolve(void 0);
  const ledger = await openLedger({
    kind: options.ledger ?? "auto",
    root: project.root,
    gitRoot: git.root ?? null,
    inActions: options.env.GITHUB_ACTIONS === "true",
    token: options.token,
    originUrl,
    project: project.name,
    legacy: options.legacyLedger
  });
  const local = new LocalStore(path16.join(kilnDir2, "store"));
  const token = options.token || (ledger instanceof LocalLedger ? void 0 : await findToken(options.env));
  const stores = await openStores({
    local,
    identities: new OutputIdentities(kilnDir2),
    project,
    env: options.env,
    token,
    repository: token ? repositoryFrom(options.env, await originUrl()) : void 0,
    commit: options.env.GITHUB_ACTIONS === "true" ? options.env.GITHUB_SHA || git.sha : git.sha,
    pullRequest: isPullRequest(event),
    recordLocations: (version, locations) => ledger.addLocations(version.asset, version.version, locations)
  });
  return {
    ok: true,
    workspace: {
      project,
      environment: choice.decision.name,
      decision: choice.decision,
      event,
      ledger,
      stores,
      git,
      reads,
      kilnDir: kilnDir2,
      runsDir: path16.join(kilnDir2, "runs"),
      reportsDir: path16.join(kilnDir2, "reports")
    }
  };
}
function workspaceLineage(workspace) {
  const { git, decision } = workspace;
  const root = git.root;
  return {
    environment: workspace.environment,
    branches: [...new Set([git.branch, decision.branch].filter((b) => b !== void 0))],
    ancestry: root ? (commits) => rememberedAncestry(workspace, root, commits) : void 0,
    pullRequest: isPullRequest(workspace.event)
  };
}
var knownAncestry = /* @__PURE__ */ new WeakMap();
async function rememberedAncestry(workspace, root, commits) {
  let known = knownAncestry.get(workspace.git);
  if (!known) {
    const head = workspace.git.sha ? [workspace.git.sha] : [];
    known = { asked: new Set(head), ancestors: new Set(head), present: new Set(head), shallow: false };
    knownAncestry.set(workspace.git, known);
  }
  const unknown = commits.filter((sha) => !known.asked.has(sha));
  if (unknown.length > 0) {
    known.history ??= headHistory(root);
    const answer = await ancestryOf(root, unknown, {
      shallow: workspace.git.shallow,
      history: known.history
    });
    for (const sha of unknown) known.asked.add(sha);
    for (const sha of answer.ancestors) known.ancestors.add(sha);
    for (const sha of answer.present) known.present.add(sha);
    known.shallow = answer.shallow;
  }
  return known;
}

// src/app/pipeline.ts
import os from "node:os";

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
      this.aliased ??= this.inner.aliasedAssets().catch(() => void 0);
      const aliased = await this.aliased;
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
    return this.cursors.get(scope, "", () => this.inner.readCursor(scope));
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
  async writeCursor(state) {
    try {
      await this.inner.writeCursor(state);
    } finally {
      this.cursors.drop(state.scope);
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
    scope: workspace.git.branch ?? "local",
    experiment,
    runId: options.env.GITHUB_RUN_ID,
    runAttempt: options.env.GITHUB_RUN_ATTEMPT ? Number(options.env.GITHUB_RUN_ATTEMPT) : void 0
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
  return { ok: true, assessment, plan: { tick, assets, commit: async () => {
  } } };
}
async function runPipeline(options) {
  const { tick } = options;
  const workspace = { ...options.workspace, ledger: runLedgerView(options.workspace.ledger) };
  if (workspace.event !== tick.event)
    throw new Error(`bug: workspace opened for ${workspace.event}, run at a ${tick.event} tick`);
  const running = () => Promise.all([import("./executor-VLXQZXK5.js"), import("./step-spawner-OTB6X6GZ.js")]).then(
    ([{ execute }, { stepSpawner }]) => ({ execute, stepSpawner })
  );
  let engine;
  const { restoreFreshAssets } = await import("./restore-2JUNMO6S.js");
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
  const merged = await promoteCurrentVersions(workspace, planned, {
    by: options.env.GITHUB_ACTOR ?? options.env.USER ?? "kiln",
    run: options.context?.runUrl ?? options.context?.runId,
    at: tickClock(tick)()
  });
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
  const committed = execution.cancelled ? void 0 : plan.commit(handledAssets(execution));
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
      experiment,
      completed,
      ledger: workspace.ledger
    }
  };
}
function handledAssets(execution) {
  const handled = /* @__PURE__ */ new Set();
  for (const [name, ran] of execution.outcomes)
    if (ran.outcome === "success" || ran.outcome === "failed" || ran.outcome === "fresh") handled.add(name);
  return handled;
}
function nothingToExecute(options) {
  options.reporter.close();
  return { outcomes: /* @__PURE__ */ new Map(), cancelled: options.signal?.aborted ?? false };
}
async function promoteCurrentVersions(workspace, planned, move) {
  const done = [];
  for (const [name, entry] of planned.plan.assets) {
    if (entry.run || entry.status !== "fresh") continue;
    const spec = workspace.project.assets.get(name)?.promote;
    if (!spec || assetPromotionBlocker(workspace.decision, spec)) continue;
    const record = await planned.assessment.currentRecord(name);
    if (!record) continue;
    const { promoteCurrentVersion } = await import("./promote-GTVOIIKY.js");
    const outcome = await promoteCurrentVersion({
      ledger: workspace.ledger,
      spec,
      record,
      environment: workspace.environment,
      branch: workspace.git.branch,
      ...move
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
    const { completeInterruptedPromotions } = await import("./promote-GTVOIIKY.js");
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
  replayAliases,
  missingHolderDamage,
  unreadableLineDamage,
  aliasHolder,
  promotionMove,
  aliasHolders,
  rollbackStack,
  dependencyRecord,
  RECORD_SCHEMA,
  isExperiment,
  headOf,
  compactTime,
  withRecordSchemas,
  parseMaterialization,
  parseFailure,
  cursorOf,
  parseAliasLog,
  parseLocationLog,
  HEAD_LINE_FIX,
  parseHeadLog,
  parseSeriesText,
  blockOf,
  blockRange,
  completedBlocks,
  packName,
  packBlock,
  recordPackPath,
  seriesPackPath,
  buildPacks,
  parseRecordPack,
  parseSeriesPack,
  PACK_FIX,
  classifyEntries,
  listedVersions,
  remember,
  PROJECTS_DIR,
  projectDir,
  isLegacyEntry,
  versionFileName,
  versionOfFile,
  materializationPath,
  materializationsDir,
  failuresDir,
  failurePath,
  locationsPath,
  headsPath,
  aliasPath,
  cursorPath,
  cursorPaths,
  nextVersion,
  SeriesFileWriter,
  reconcileHeads,
  withDerived,
  HeadLog,
  headLogOf,
  headLine,
  separateSeries,
  holdersWithRecords,
  lexicalPathProblem,
  normalizeOutputPath,
  resolveInside,
  describePathProblem,
  insideOrThrow,
  require_picomatch2 as require_picomatch,
  blobIdOfFile,
  projectFiles,
  outputFilter,
  unmatchedWarning,
  UNMATCHED_HINT,
  unmatchedPatterns,
  lineageFilter,
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
  assetPromotionBlocker,
  RunLedgerView,
  crashPoint,
  openReader,
  readGitHubContext,
  runUrlFromEnv,
  moveInto,
  writeInto,
  openWorkspace,
  workspaceLineage,
  planWorkspace,
  runPipeline,
  promoteCurrentVersions
};
