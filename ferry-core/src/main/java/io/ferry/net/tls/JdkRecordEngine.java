package io.ferry.net.tls;

import io.ferry.buffer.Buf;
import java.nio.ByteBuffer;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * A {@link RecordEngine} over the JDK's {@link SSLEngine}, unwrapping from and wrapping into the pooled buffers'
 * shared {@link ByteBuffer}s. The engine itself allocates per record (its results, cipher state).
 *
 * <p>Threads: the connection's loop; the delegated tasks anywhere.
 */
final class JdkRecordEngine implements RecordEngine {
    private static final ByteBuffer NOTHING = ByteBuffer.allocateDirect(0);
    private final SSLEngine engine;

    JdkRecordEngine(SSLEngine engine) {
        this.engine = engine;
    }

    @Override
    public void beginHandshake() throws SSLException {
        engine.beginHandshake();
    }

    @Override
    public int handshakeStatus() {
        return code(engine.getHandshakeStatus());
    }

    @Override
    public long unwrap(Buf src, Buf dst) throws SSLException {
        SSLEngineResult r = engine.unwrap(src.nioBuffer(src.readIndex(), src.readableBytes()),
            dst.nioBuffer(dst.writeIndex(), dst.writableBytes()));
        return moved(r, src, dst);
    }

    @Override
    public long wrap(Buf src, Buf dst) throws SSLException {
        ByteBuffer in = src == null ? NOTHING : src.nioBuffer(src.readIndex(), src.readableBytes());
        SSLEngineResult r = engine.wrap(in, dst.nioBuffer(dst.writeIndex(), dst.writableBytes()));
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            throw new SSLException("no room for a record in " + dst.writableBytes() + " bytes");
        }
        return moved(r, src, dst);
    }

    private static long moved(SSLEngineResult r, Buf src, Buf dst) {
        if (src != null) {
            src.skip(r.bytesConsumed());
        }
        dst.writeIndex(dst.writeIndex() + r.bytesProduced());
        int status = switch (r.getStatus()) {
            case BUFFER_UNDERFLOW -> STATUS_UNDERFLOW;
            case BUFFER_OVERFLOW -> STATUS_OVERFLOW;
            case CLOSED -> STATUS_CLOSED;
            case OK -> STATUS_OK;
        };
        return RecordEngine.result(status, code(r.getHandshakeStatus()), r.bytesConsumed(), r.bytesProduced());
    }

    private static int code(SSLEngineResult.HandshakeStatus hs) {
        return switch (hs) {
            case NOT_HANDSHAKING -> HS_NOT_HANDSHAKING;
            case NEED_WRAP -> HS_NEED_WRAP;
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> HS_NEED_UNWRAP;
            case NEED_TASK -> HS_NEED_TASK;
            case FINISHED -> HS_FINISHED;
        };
    }

    @Override
    public Runnable delegatedTask() {
        return engine.getDelegatedTask();
    }

    @Override
    public void closeOutbound() {
        engine.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return engine.isOutboundDone();
    }

    @Override
    public int packetBufferSize() {
        return engine.getSession().getPacketBufferSize();
    }

    @Override
    public int applicationBufferSize() {
        return engine.getSession().getApplicationBufferSize();
    }

    @Override
    public SSLSession session() {
        return engine.getSession();
    }

    @Override
    public String protocol() {
        return engine.getSession().getProtocol();
    }

    @Override
    public String applicationProtocol() {
        String p = engine.getApplicationProtocol();
        return p == null || p.isEmpty() ? null : p;
    }

    @Override
    public String requestedServerName() {
        if (engine.getUseClientMode() || !(engine.getSession() instanceof ExtendedSSLSession s)) {
            return null;
        }
        for (SNIServerName n : s.getRequestedServerNames()) {
            if (n instanceof SNIHostName host) {
                return host.getAsciiName();
            }
        }
        return null;
    }

    @Override
    public void free() {
        engine.closeOutbound();
    }
}
