<?php

/**
 * stub-service.php under `php -S` on a free loopback port: the stand-in for http-app that
 * CurlTransportTest and RouteTest talk to.
 */
final class StubService
{
    private $process;
    /** @var string http://127.0.0.1:<port> */
    public $base;

    public static function start()
    {
        $stub = new self();
        $port = self::freePort();
        $stub->base = 'http://127.0.0.1:'.$port;
        $command = [PHP_BINARY, '-S', '127.0.0.1:'.$port, __DIR__.'/stub-service.php'];
        $stub->process = proc_open($command, [0 => ['pipe', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
        $deadline = microtime(true) + 20;
        while (microtime(true) < $deadline) {
            $socket = @fsockopen('127.0.0.1', $port, $errno, $error, 0.5);
            if ($socket) {
                fclose($socket);

                return $stub;
            }
            usleep(100000);
        }
        $stub->stop();
        throw new RuntimeException('the stub service did not start on port '.$port);
    }

    public function stop()
    {
        if (is_resource($this->process)) {
            proc_terminate($this->process);
            proc_close($this->process);
        }
    }

    /** A loopback port nothing listens on (at the moment of asking). */
    public static function freePort()
    {
        $socket = stream_socket_server('tcp://127.0.0.1:0');
        $name = stream_socket_get_name($socket, false);
        fclose($socket);

        return (int) substr($name, strrpos($name, ':') + 1);
    }
}
