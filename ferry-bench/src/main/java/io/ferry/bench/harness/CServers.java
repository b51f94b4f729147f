package io.ferry.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The C reference servers from Debian: nginx with one worker (HTTP, HTTPS) and redis-server (RESP), each
 * on a free loopback port, pinned to the server CPU set, with no persistence and no logging to disk.
 */
public final class CServers {
    private CServers() {
    }

    /** nginx, one worker, {@code GET /plaintext} answered from the config; null if nginx is missing. */
    public static Contender nginx(String nginxBinary, String cpus) throws IOException {
        return nginx(nginxBinary, cpus, 4096);
    }

    /**
     * nginx as {@link #nginx(String, String)}, holding up to {@code connections} connections.
     *
     * @param nginxBinary the nginx executable, or null
     * @param cpus        the cores it may run on ({@code taskset -c})
     * @param connections its {@code worker_connections}, and descriptors it may open
     * @return the contender, or null if nginx is missing
     * @throws IOException when its configuration cannot be written
     */
    public static Contender nginx(String nginxBinary, String cpus, int connections) throws IOException {
        return nginxBinary == null ? null : nginx(nginxBinary, cpus, connections, null, null);
    }

    /**
     * nginx as {@link #nginx(String, String)} over TLS with this certificate: TLS 1.3 only, and only
     * TLS_AES_128_GCM_SHA256 (OpenSSL's {@code Ciphersuites}: a client such as wrk cannot pick one).
     *
     * @param nginxBinary the nginx executable, or null
     * @param cpus        the cores it may run on ({@code taskset -c})
     * @param cert        the certificate chain, PEM
     * @param key         the private key, PEM
     * @return the contender, or null if nginx is missing
     * @throws IOException when its configuration cannot be written
     */
    public static Contender nginxTls(String nginxBinary, String cpus, Path cert, Path key) throws IOException {
        return nginxBinary == null ? null : nginx(nginxBinary, cpus, 4096, cert, key);
    }

    private static Contender nginx(String nginxBinary, String cpus, int connections, Path cert, Path key)
        throws IOException {
        int port = ServerProcess.freePort();
        Path dir = Files.createTempDirectory("ferry-nginx");
        Files.createDirectories(dir.resolve("logs"));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config(dir, port, connections, cert, key));
        return new Contender("nginx", List.of("taskset", "-c", cpus, nginxBinary, "-p", dir.toString(), "-c",
            conf.toString()), port);
    }

    /**
     * The configuration: one worker in the foreground, files under {@code dir}, {@code GET /plaintext} on
     * {@code port}; over TLS when {@code cert} is given.
     */
    static String config(Path dir, int port, int connections, Path cert, Path key) {
        String tls = cert == null ? "" : """
                    ssl_certificate %s;
                    ssl_certificate_key %s;
                    ssl_protocols TLSv1.3;
                    ssl_conf_command Ciphersuites %s;
            """.formatted(cert, key, Contender.TLS_CIPHER);
        return """
            worker_processes 1;
            daemon off;
            master_process off;
            pid %1$s/nginx.pid;
            error_log stderr error;
            worker_rlimit_nofile %4$d;
            events { worker_connections %3$d; }
            http {
                access_log off;
                keepalive_requests 1000000;
                client_body_temp_path %1$s/body;
                proxy_temp_path %1$s/proxy;
                fastcgi_temp_path %1$s/fastcgi;
                uwsgi_temp_path %1$s/uwsgi;
                scgi_temp_path %1$s/scgi;
                server {
                    listen 127.0.0.1:%2$d%5$s backlog=4096;
            %6$s        location = /plaintext { default_type text/plain; return 200 "Hello, World!"; }
                }
            }
            """.formatted(dir, port, connections, connections + 64, cert == null ? "" : " ssl", tls);
    }

    /** redis-server without persistence; null if it is missing. */
    public static Contender redis(String redisBinary, String cpus) throws IOException {
        if (redisBinary == null) {
            return null;
        }
        int port = ServerProcess.freePort();
        return new Contender("redis-server", List.of("taskset", "-c", cpus, redisBinary, "--port",
            Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode",
            "no", "--daemonize", "no", "--logfile", ""), port);
    }
}
