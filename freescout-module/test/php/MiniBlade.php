<?php

/**
 * Just enough of Blade to render the module's two templates in tests: comments, {{ }} (escaped as
 * Blade's e() does), {!! !!}, @php/@endphp, @if/@elseif/@else/@endif, @foreach/@endforeach.
 * A template using anything else fails loudly, so the tests notice when the views outgrow it.
 */
final class MiniBlade
{
    public static function compile(string $template): string
    {
        $code = preg_replace('/\{\{--.*?--\}\}/s', '', $template);
        $code = preg_replace_callback('/@php\b(?!\s*\()(.*?)@endphp/s', function ($m) {
            return '<?php '.$m[1].' ?>';
        }, $code);
        $code = preg_replace('/\{!!\s*(.+?)\s*!!\}/s', '<?php echo $1; ?>', $code);
        $code = preg_replace('/\{\{\s*(.+?)\s*\}\}/s', '<?php echo htmlspecialchars((string) ($1), ENT_QUOTES, \'UTF-8\', true); ?>', $code);
        $out = '';
        $length = strlen($code);
        $i = 0;
        while ($i < $length) {
            if ($code[$i] === '@' && preg_match('/\G@(if|elseif|foreach)\s*\(/A', $code, $m, 0, $i)) {
                $start = $i + strlen($m[0]);
                $end = self::closingParen($code, $start);
                $out .= '<?php '.$m[1].' ('.substr($code, $start, $end - $start).'): ?>';
                $i = $end + 1;
                continue;
            }
            if ($code[$i] === '@' && preg_match('/\G@(else|endif|endforeach)\b/A', $code, $m, 0, $i)) {
                $out .= $m[1] === 'else' ? '<?php else: ?>' : '<?php '.$m[1].'; ?>';
                $i += strlen($m[0]);
                continue;
            }
            if ($code[$i] === '@' && preg_match('/\G@([a-z]+)/A', $code, $m, 0, $i) && !in_array($m[1], ['media', 'keyframes'], true)
                && $i > 0 && !preg_match('/[A-Za-z0-9.]/', $code[$i - 1])) {
                throw new LogicException('MiniBlade does not know @'.$m[1]);
            }
            $out .= $code[$i];
            $i++;
        }

        return $out;
    }

    public static function render(string $file, array $vars): string
    {
        $compiled = self::compile((string) file_get_contents($file));
        extract($vars);
        ob_start();
        try {
            eval('?>'.$compiled);
        } finally {
            $html = ob_get_clean();
        }

        return $html;
    }

    private static function closingParen(string $text, int $from): int
    {
        $depth = 1;
        $quote = null;
        for ($i = $from, $n = strlen($text); $i < $n; $i++) {
            $c = $text[$i];
            if ($quote !== null) {
                if ($c === '\\') {
                    $i++;
                } elseif ($c === $quote) {
                    $quote = null;
                }
            } elseif ($c === '\'' || $c === '"') {
                $quote = $c;
            } elseif ($c === '(') {
                $depth++;
            } elseif ($c === ')' && --$depth === 0) {
                return $i;
            }
        }
        throw new LogicException('unbalanced parenthesis');
    }
}
