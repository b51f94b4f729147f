/**
 * Ferry's servers (echo, HTTP/1.1, RESP) and the {@code ferry} command line, written against the
 * exported API of {@code io.ferry.core} only: compiling this module is the proof that the API is enough
 * to build real servers.
 */
module io.ferry.servers {
    requires io.ferry.core;
    requires info.picocli;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;

    exports io.ferry.servers.echo;
    exports io.ferry.servers.http;
    exports io.ferry.servers.resp;
    exports io.ferry.cli;

    opens io.ferry.cli to info.picocli;
}
