<?php

declare(strict_types=1);

/**
 * Finds PHP syntax newer than 7.1 (FreeScout's minimum) in the module's sources.
 *
 * Runs on a current PHP, whose tokenizer knows every newer token, and looks for the constructs
 * that PHP 7.1 would refuse or read differently: arrow functions, match, nullsafe operator, named
 * arguments, union/intersection/static/mixed/object types, ??=, numeric separators, 0o octals,
 * constructor promotion, typed properties and constants, enum, readonly, attributes, throw
 * expressions, trailing commas in calls and parameter lists, spread in arrays, first-class
 * callables, "new" in initialisers, non-capturing catch, $object::class and flexible heredocs.
 * Blade templates are checked too: their PHP expressions are extracted into a PHP file first.
 *
 * Test tooling only: it is not shipped in the module.
 */
final class Php71SyntaxChecker
{
    private const VISIBILITY = [T_PUBLIC, T_PROTECTED, T_PRIVATE, T_VAR];
    private const NEWER_TYPE_NAMES = ['mixed', 'never', 'object', 'null', 'false', 'true'];

    /** @return list<string> findings "line N: what" for one file */
    public static function checkFile(string $path): array
    {
        $code = (string) file_get_contents($path);
        if (substr($path, -10) === '.blade.php') {
            $code = self::bladeToPhp($code);
        }

        return self::check($code);
    }

    /** @return list<string> findings "line N: what" */
    public static function check(string $code): array
    {
        $raw = token_get_all($code);
        $tokens = [];
        $line = 1;
        foreach ($raw as $token) {
            if (is_array($token)) {
                $line = $token[2];
                if (in_array($token[0], [T_WHITESPACE, T_COMMENT, T_DOC_COMMENT], true)) {
                    continue;
                }
                $tokens[] = ['id' => $token[0], 'text' => $token[1], 'line' => $token[2]];
            } else {
                $tokens[] = ['id' => $token, 'text' => $token, 'line' => $line];
            }
        }
        $findings = [];
        $add = function (int $line, string $what) use (&$findings): void {
            $findings[] = 'line '.$line.': '.$what;
        };

        $simple = [
            'T_FN' => 'arrow function fn() (PHP 7.4)',
            'T_MATCH' => 'match expression (PHP 8.0)',
            'T_NULLSAFE_OBJECT_OPERATOR' => 'nullsafe operator ?-> (PHP 8.0)',
            'T_COALESCE_EQUAL' => 'operator ??= (PHP 7.4)',
            'T_ATTRIBUTE' => 'attribute #[...] (PHP 8.0)',
            'T_ENUM' => 'enum (PHP 8.1)',
            'T_READONLY' => 'readonly (PHP 8.1)',
        ];
        $simpleIds = [];
        foreach ($simple as $name => $what) {
            if (defined($name)) {
                $simpleIds[constant($name)] = $what;
            }
        }

        $openers = [];
        $paramDepth = null;      // depth of $openers inside a declaration's parameter list
        $paramSeenVariable = false;
        $count = count($tokens);
        for ($i = 0; $i < $count; $i++) {
            $t = $tokens[$i];
            $id = $t['id'];
            $prev = $i > 0 ? $tokens[$i - 1] : null;
            $next = $i + 1 < $count ? $tokens[$i + 1] : null;

            if (isset($simpleIds[$id])) {
                $add($t['line'], $simpleIds[$id]);
            }
            if (($id === T_LNUMBER || $id === T_DNUMBER) && strpos($t['text'], '_') !== false) {
                $add($t['line'], 'numeric literal separator (PHP 7.4)');
            }
            if ($id === T_LNUMBER && preg_match('/^0[oO]/', $t['text'])) {
                $add($t['line'], 'explicit octal 0o (PHP 8.1)');
            }
            if ($id === T_END_HEREDOC && preg_match('/^\s/', $t['text'])) {
                $add($t['line'], 'indented heredoc closing marker (PHP 7.3)');
            }
            if ($id === T_VARIABLE && $next && $next['id'] === T_DOUBLE_COLON
                && isset($tokens[$i + 2]) && $tokens[$i + 2]['id'] === T_CLASS) {
                $add($t['line'], '$object::class (PHP 8.0)');
            }
            if ($id === T_CATCH && $next && $next['text'] === '(') {
                $j = $i + 2;
                $hasVariable = false;
                while ($j < $count && $tokens[$j]['text'] !== ')') {
                    $hasVariable = $hasVariable || $tokens[$j]['id'] === T_VARIABLE;
                    $j++;
                }
                if (!$hasVariable) {
                    $add($t['line'], 'catch without a variable (PHP 8.0)');
                }
            }
            if ($id === T_THROW && $prev && (in_array($prev['text'], ['=', ',', '(', '?', '??'], true)
                || in_array($prev['id'], [T_DOUBLE_ARROW, T_COALESCE, T_BOOLEAN_AND, T_BOOLEAN_OR, T_LOGICAL_AND, T_LOGICAL_OR], true))) {
                $add($t['line'], 'throw as an expression (PHP 8.0)');
            }
            if ($id === T_STRING && $next && $next['text'] === ':' && $prev
                && ($prev['text'] === '(' || $prev['text'] === ',')
                && end($openers) === 'paren' && $paramDepth === null) {
                $add($t['line'], 'named argument '.$t['text'].': (PHP 8.0)');
            }
            if (in_array($id, self::VISIBILITY, true) && $paramDepth === null) {
                $j = $i + 1;
                while ($j < $count && in_array($tokens[$j]['id'], [T_STATIC, T_ABSTRACT, T_FINAL], true)) {
                    $j++;
                }
                if ($j < $count && !in_array($tokens[$j]['id'], [T_FUNCTION, T_CONST, T_VARIABLE], true)
                    && self::typeThenVariable($tokens, $j)) {
                    $add($t['line'], 'typed property (PHP 7.4)');
                }
            }
            if ($id === T_CONST && isset($tokens[$i + 2]) && $tokens[$i + 2]['text'] !== '='
                && in_array($tokens[$i + 2]['id'], [T_STRING], true)) {
                $add($t['line'], 'typed class constant (PHP 8.3)');
            }

            // Declarations: parameter list and return type.
            if (($id === T_FUNCTION) && $paramDepth === null) {
                $j = $i + 1;
                while ($j < $count && $tokens[$j]['text'] !== '(' && $tokens[$j]['text'] !== '{' && $tokens[$j]['text'] !== ';') {
                    $j++;
                }
                if ($j < $count && $tokens[$j]['text'] === '(') {
                    // Tokens up to "(" are the name and "&": jump into the list, marking its depth.
                    $openers[] = 'params';
                    $paramDepth = count($openers);
                    $paramSeenVariable = false;
                    $i = $j;
                    continue;
                }
            }
            if ($paramDepth !== null && count($openers) === $paramDepth) {
                if (in_array($id, [T_PUBLIC, T_PROTECTED, T_PRIVATE], true)) {
                    $add($t['line'], 'constructor property promotion (PHP 8.0)');
                }
                if ($id === T_VARIABLE) {
                    $paramSeenVariable = true;
                }
                if ($t['text'] === ',') {
                    $paramSeenVariable = false;
                    if ($next && $next['text'] === ')') {
                        $add($t['line'], 'trailing comma in a parameter list (PHP 8.0)');
                    }
                }
                if (!$paramSeenVariable) {
                    if ($t['text'] === '|') {
                        $add($t['line'], 'union type (PHP 8.0)');
                    }
                    if (defined('T_AMPERSAND_NOT_FOLLOWED_BY_VAR_OR_VARARG') && $id === T_AMPERSAND_NOT_FOLLOWED_BY_VAR_OR_VARARG) {
                        $add($t['line'], 'intersection type (PHP 8.1)');
                    }
                    if (($id === T_STRING && in_array(strtolower($t['text']), self::NEWER_TYPE_NAMES, true))) {
                        $add($t['line'], 'type '.$t['text'].' (PHP 7.2+)');
                    }
                } elseif ($id === T_NEW) {
                    $add($t['line'], 'new in an initialiser (PHP 8.1)');
                }
            }

            // Brackets.
            if ($t['text'] === '(') {
                $openers[] = ($prev && in_array($prev['id'], [T_ARRAY, T_LIST], true)) ? 'array' : 'paren';
            } elseif ($t['text'] === '[') {
                $openers[] = 'array';
            } elseif ($t['text'] === '{' || $id === T_CURLY_OPEN || $id === T_DOLLAR_OPEN_CURLY_BRACES) {
                $openers[] = 'brace';
            } elseif ($t['text'] === ')' || $t['text'] === ']' || $t['text'] === '}') {
                $closed = array_pop($openers);
                if ($closed === 'params' && $paramDepth !== null && count($openers) === $paramDepth - 1) {
                    $paramDepth = null;
                    $i = self::checkReturnType($tokens, $i, $add);
                    continue;
                }
            }
            if ($t['text'] === ',' && $next && $next['text'] === ')' && end($openers) === 'paren') {
                $add($t['line'], 'trailing comma in a call (PHP 7.3)');
            }
            if ($id === T_ELLIPSIS) {
                if (end($openers) === 'array') {
                    $add($t['line'], 'spread in an array (PHP 7.4)');
                } elseif ($prev && $prev['text'] === '(' && $next && $next['text'] === ')') {
                    $add($t['line'], 'first-class callable syntax (PHP 8.1)');
                }
            }
        }

        return $findings;
    }

    /** Whether the tokens from $from are a type followed by a variable ("?Foo $x", "int $x"). */
    private static function typeThenVariable(array $tokens, int $from): bool
    {
        $typeTokens = [T_STRING, T_ARRAY, T_CALLABLE, T_NS_SEPARATOR, T_STATIC];
        foreach (['T_NAME_QUALIFIED', 'T_NAME_FULLY_QUALIFIED', 'T_NAME_RELATIVE',
            'T_AMPERSAND_NOT_FOLLOWED_BY_VAR_OR_VARARG'] as $name) {
            if (defined($name)) {
                $typeTokens[] = constant($name);
            }
        }
        $count = count($tokens);
        for ($j = $from; $j < $count; $j++) {
            if ($tokens[$j]['id'] === T_VARIABLE) {
                return $j > $from;
            }
            if (!in_array($tokens[$j]['id'], $typeTokens, true) && !in_array($tokens[$j]['text'], ['?', '|', '(', ')'], true)) {
                return false;
            }
        }

        return false;
    }

    /** Checks ": type" after a parameter list; returns the index to continue from. */
    private static function checkReturnType(array $tokens, int $close, callable $add): int
    {
        $i = $close + 1;
        $count = count($tokens);
        // Closures: "use (...)" comes before the return type.
        if ($i < $count && $tokens[$i]['id'] === T_USE) {
            $depth = 0;
            for (; $i < $count; $i++) {
                if ($tokens[$i]['text'] === '(') {
                    $depth++;
                } elseif ($tokens[$i]['text'] === ')') {
                    $depth--;
                    if ($depth === 0) {
                        if ($tokens[$i - 1]['text'] === ',') {
                            $add($tokens[$i]['line'], 'trailing comma in a closure use list (PHP 8.0)');
                        }
                        $i++;
                        break;
                    }
                }
            }
        }
        if ($i >= $count || $tokens[$i]['text'] !== ':') {
            return $close;
        }
        for ($j = $i + 1; $j < $count; $j++) {
            $t = $tokens[$j];
            if ($t['text'] === '{' || $t['text'] === ';' || $t['id'] === T_DOUBLE_ARROW) {
                return $j - 1;
            }
            if ($t['text'] === '|') {
                $add($t['line'], 'union return type (PHP 8.0)');
            }
            if ($t['id'] === T_STATIC) {
                $add($t['line'], 'static return type (PHP 8.0)');
            }
            if ($t['id'] === T_STRING && in_array(strtolower($t['text']), self::NEWER_TYPE_NAMES, true)) {
                $add($t['line'], 'return type '.$t['text'].' (PHP 7.2+)');
            }
        }

        return $count - 1;
    }

    /**
     * The PHP inside a Blade template as a PHP file: {{ }}, {!! !!}, @php blocks and the
     * arguments of @directives, each in a statement PHP can lint.
     */
    public static function bladeToPhp(string $template): string
    {
        $out = "<?php\n";
        $length = strlen($template);
        $i = 0;
        while ($i < $length) {
            if (substr($template, $i, 4) === '{{--') {
                $end = strpos($template, '--}}', $i);
                $i = $end === false ? $length : $end + 4;
                continue;
            }
            if (substr($template, $i, 3) === '{!!') {
                $end = strpos($template, '!!}', $i);
                $out .= 'echo ('.substr($template, $i + 3, ($end === false ? $length : $end) - $i - 3).");\n";
                $i = $end === false ? $length : $end + 3;
                continue;
            }
            if (substr($template, $i, 2) === '{{') {
                $end = strpos($template, '}}', $i);
                $out .= 'echo ('.substr($template, $i + 2, ($end === false ? $length : $end) - $i - 2).");\n";
                $i = $end === false ? $length : $end + 2;
                continue;
            }
            if ($template[$i] === '@' && preg_match('/\G@(php)\b(?!\s*\()/A', $template, $m, 0, $i)) {
                $end = strpos($template, '@endphp', $i);
                $out .= substr($template, $i + 4, ($end === false ? $length : $end) - $i - 4)."\n";
                $i = $end === false ? $length : $end + 7;
                continue;
            }
            if ($template[$i] === '@' && preg_match('/\G@([a-z_]+)\s*\(/A', $template, $m, 0, $i)) {
                $start = $i + strlen($m[0]);
                $end = self::matchingParen($template, $start);
                $args = substr($template, $start, $end - $start);
                $name = $m[1];
                if (in_array($name, ['if', 'elseif', 'unless', 'while'], true)) {
                    $out .= 'if ('.$args.") {}\n";
                } elseif ($name === 'foreach' || $name === 'for') {
                    $out .= $name.' ('.$args.") {}\n";
                } else {
                    $out .= 'f('.$args.");\n";
                }
                $i = $end + 1;
                continue;
            }
            $i++;
        }

        return $out;
    }

    private static function matchingParen(string $text, int $from): int
    {
        $depth = 1;
        $quote = null;
        $length = strlen($text);
        for ($i = $from; $i < $length; $i++) {
            $c = $text[$i];
            if ($quote !== null) {
                if ($c === '\\') {
                    $i++;
                } elseif ($c === $quote) {
                    $quote = null;
                }
                continue;
            }
            if ($c === '\'' || $c === '"') {
                $quote = $c;
            } elseif ($c === '(') {
                $depth++;
            } elseif ($c === ')') {
                $depth--;
                if ($depth === 0) {
                    return $i;
                }
            }
        }

        return $length;
    }
}
