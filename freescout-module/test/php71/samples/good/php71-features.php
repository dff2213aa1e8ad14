<?php

namespace Sample\Good;

use Countable;
use Exception;
use InvalidArgumentException;
use RuntimeException;

/**
 * Everything here is valid PHP 7.1: the checker must find nothing.
 */
interface Shape extends Countable
{
    public function area(): float;
}

trait Named
{
    protected function name(): string
    {
        return static::class;
    }
}

abstract class Base
{
    use Named {
        name as protected baseName;
    }

    const PUBLIC_DEFAULT = 1;
    private const LIMIT = 10;
    public static $registry = [];
    protected $items = array(1, 2, 3, );
    var $legacy;

    abstract public function run(?int $limit = null): ?string;

    final public static function create(...$args): self
    {
        return new static(...$args);
    }

    public function each(iterable $items, callable $fn): void
    {
        foreach ($items as $key => $item) {
            $fn($key, $item);
        }
    }
}

final class Worker extends Base implements Shape
{
    public function __construct(array $options = [], $flags = E_ALL & ~E_NOTICE, $mode = self::PUBLIC_DEFAULT | 2)
    {
        $this->legacy = $options['legacy'] ?? null;
    }

    public function run(?int $limit = null): ?string
    {
        [$a, $b] = [1, 2];
        ['x' => $x, 'y' => $y] = ['x' => 1, 'y' => 2];
        list($c, , $d) = [3, 4, 5];
        $e = $a <=> $b;
        $f = $x ?: $y;
        $g = str_pad('x', $limit ? PHP_INT_SIZE : 3, $e > 0 ? ' ' : '-');
        $h = max(PHP_INT_SIZE ?: 1, 2);
        $closure = function ($v) use ($a, &$b): int {
            return $v + $a + $b;
        };
        $static = static function (): void {
        };
        $anonymous = new class() {
            public function go(): bool
            {
                return true;
            }
        };
        try {
            $this->check($limit);
        } catch (InvalidArgumentException | RuntimeException $error) {
            return null;
        } catch (Exception $other) {
            throw $other;
        }
        if ($limit === null) throw new RuntimeException('none');
        switch ($limit) {
            case PHP_INT_SIZE:
                break;
            default:
                break;
        }
        if ($a):
            $g .= 'a';
        endif;
        $text = <<<EOT
Heredoc at column zero {$g}
EOT;
        $now = <<<'EOT'
nowdoc
EOT;

        return $g.$text.$now.$closure(1).(string) $anonymous->go().$h.$c.$d.$f;
    }

    public function area(): float
    {
        return 0.5;
    }

    public function count(): int
    {
        return 0;
    }

    private function check(int $limit): void
    {
        if ($limit > self::LIMIT) {
            throw new InvalidArgumentException('too big');
        }
    }

    public function &reference(array &$values)
    {
        return $values;
    }

    public function generator(): \Generator
    {
        yield 1;
        yield from [2, 3];
    }
}

function helper(string $a = 'x', int ...$rest): array
{
    return array_merge([$a], $rest);
}
