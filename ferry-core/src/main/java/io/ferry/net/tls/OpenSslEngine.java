package io.ferry.net.tls;

import io.ferry.buffer.Buf;
import io.ferry.linux.NativeAccess;
import java.lang.foreign.Arena;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * A {@link RecordEngine} over one OpenSSL {@code SSL*} between two memory BIOs: a record goes from the received
 * pool buffer into the read BIO ({@code BIO_write}) and its plaintext from {@code SSL_read} straight into a pool
 * buffer; plaintext goes from pool buffers through {@code SSL_write} and the records from the write BIO
 * ({@code BIO_read}) into the outgoing pool buffer. Every call passes native addresses, so nothing is allocated
 * on the heap per record.
 *
 * <p>Unwrap feeds exactly one record per call, as {@link javax.net.ssl.SSLEngine} does, so the session's
 * handling of partial records, pauses and overflow stays the same for both engines.
 *
 * <p>Threads: the connection's loop only. The {@code SSL*} is freed by {@link #free}.
 */
final class OpenSslEngine implements RecordEngine {
    private static final int HEADER = 5;
    private static final int HANDSHAKE_RECORD = 22;
    private static final int MAX_PLAINTEXT = 16_384;
    /** Room kept beside a record's plaintext: its header, nonce, tag and padding, and a key update before it. */
    private static final int OVERHEAD = 1024;
    private final boolean client;
    private final String peerHost;
    private final int peerPort;
    private long ssl;
    private long rbio;
    private long wbio;
    private boolean finished;
    private boolean tls12;
    private boolean fatal;
    private boolean outboundDone;
    private OpenSslSession session;

    private OpenSslEngine(long ssl, long rbio, long wbio, boolean client, String peerHost, int peerPort) {
        this.ssl = ssl;
        this.rbio = rbio;
        this.wbio = wbio;
        this.client = client;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
    }

    /**
     * A fresh {@code SSL*} of {@code context}; a client's sends {@code sniHost} (null: none) and checks the
     * certificate against {@code verifyHost} (null: no name check).
     */
    static OpenSslEngine create(OpenSslContext context, boolean client, String sniHost, String verifyHost,
                                String peerHost, int peerPort) {
        long ssl = 0;
        try (Arena call = Arena.ofConfined()) {
            ssl = (long) OpenSsl.SSL_NEW.invokeExact(context.address());
            if (ssl == 0) {
                throw new IllegalStateException(OpenSsl.failure("SSL_new", 0, false).getMessage());
            }
            long method = (long) OpenSsl.BIO_S_MEM.invokeExact();
            long rbio = (long) OpenSsl.BIO_NEW.invokeExact(method);
            long wbio = (long) OpenSsl.BIO_NEW.invokeExact(method);
            OpenSsl.SSL_SET_BIO.invokeExact(ssl, rbio, wbio); // the SSL* owns them from here
            if (rbio == 0 || wbio == 0) {
                throw new IllegalStateException(OpenSsl.failure("BIO_new", 0, false).getMessage());
            }
            if (client) {
                OpenSsl.SSL_SET_CONNECT_STATE.invokeExact(ssl);
                if (sniHost != null) {
                    long ok = (long) OpenSsl.SSL_CTRL.invokeExact(ssl, OpenSsl.SSL_CTRL_SET_TLSEXT_HOSTNAME,
                        (long) OpenSsl.TLSEXT_NAMETYPE_HOST_NAME, call.allocateFrom(sniHost).address());
                    if (ok != 1) {
                        throw new IllegalStateException(OpenSsl.failure("SNI " + sniHost, 0, false).getMessage());
                    }
                }
                if (verifyHost != null
                    && (int) OpenSsl.SSL_SET1_HOST.invokeExact(ssl, call.allocateFrom(verifyHost).address()) != 1) {
                    throw new IllegalStateException(OpenSsl.failure("SSL_set1_host " + verifyHost, 0, false)
                        .getMessage());
                }
            } else {
                OpenSsl.SSL_SET_ACCEPT_STATE.invokeExact(ssl);
            }
            return new OpenSslEngine(ssl, rbio, wbio, client, peerHost, peerPort);
        } catch (Throwable t) {
            freeSsl(ssl);
            throw NativeAccess.rethrow(t);
        }
    }

    @Override
    public void beginHandshake() throws SSLException {
        if (client) {
            handshake(); // the ClientHello
        }
    }

    @Override
    public int handshakeStatus() {
        if (pending() > 0) {
            return HS_NEED_WRAP;
        }
        return finished ? HS_NOT_HANDSHAKING : HS_NEED_UNWRAP;
    }

    @Override
    public long unwrap(Buf src, Buf dst) throws SSLException {
        int available = src.readableBytes();
        if (available < HEADER) {
            return RecordEngine.result(STATUS_UNDERFLOW, handshakeStatus(), 0, 0);
        }
        int at = src.readIndex();
        int type = src.getByte(at) & 0xff;
        int length = HEADER + (src.getShort(at + 3) & 0xffff);
        if (type < 20 || type > 24 || length > RecordCarry.MAX_RECORD) {
            length = available; // not a record: OpenSSL says why
        } else if (available < length) {
            return RecordEngine.result(STATUS_UNDERFLOW, handshakeStatus(), 0, 0);
        }
        if (finished && tls12 && type == HANDSHAKE_RECORD) {
            return RecordEngine.result(STATUS_OK, HS_NEED_UNWRAP, 0, 0); // a new handshake: renegotiation
        }
        if (finished && dst.writableBytes() < Math.min(length - HEADER, MAX_PLAINTEXT)) {
            return RecordEngine.result(STATUS_OVERFLOW, HS_NOT_HANDSHAKING, 0, 0);
        }
        try {
            int fed = (int) OpenSsl.BIO_WRITE.invokeExact(rbio, src.address() + at, length);
            if (fed != length) {
                throw OpenSsl.failure("BIO_write", ssl, !finished);
            }
            src.skip(length);
            if (!finished) {
                return RecordEngine.result(STATUS_OK, handshake(), length, 0);
            }
            int n = (int) OpenSsl.SSL_READ.invokeExact(ssl, dst.address() + dst.writeIndex(), dst.writableBytes());
            if (n > 0) {
                dst.writeIndex(dst.writeIndex() + n);
                return RecordEngine.result(STATUS_OK, HS_NOT_HANDSHAKING, length, n);
            }
            int error = (int) OpenSsl.SSL_GET_ERROR.invokeExact(ssl, n);
            if (error == OpenSsl.SSL_ERROR_WANT_READ) {
                return RecordEngine.result(STATUS_OK, HS_NOT_HANDSHAKING, length, 0); // a ticket, a key update
            }
            if (error == OpenSsl.SSL_ERROR_ZERO_RETURN) {
                return RecordEngine.result(STATUS_CLOSED, HS_NOT_HANDSHAKING, length, 0);
            }
            fatal = true;
            throw OpenSsl.failure("OpenSSL could not read a record", ssl, false);
        } catch (SSLException e) {
            throw e;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** Runs the handshake on as far as the records fed so far allow; {@return its {@code HS_*} state} */
    private int handshake() throws SSLException {
        try {
            int r = (int) OpenSsl.SSL_DO_HANDSHAKE.invokeExact(ssl);
            if (r == 1) {
                finished = true;
                tls12 = (int) OpenSsl.SSL_VERSION.invokeExact(ssl) == OpenSsl.TLS1_2_VERSION;
                session = OpenSslSession.snapshot(ssl, client, peerHost, peerPort, packetBufferSize(),
                    applicationBufferSize());
                return HS_FINISHED;
            }
            if ((int) OpenSsl.SSL_GET_ERROR.invokeExact(ssl, r) == OpenSsl.SSL_ERROR_WANT_READ) {
                return handshakeStatus();
            }
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
        fatal = true;
        throw OpenSsl.failure("TLS handshake failed", ssl, true);
    }

    @Override
    public long wrap(Buf src, Buf dst) throws SSLException {
        int produced = drain(dst);
        if (src == null || !src.isReadable()) {
            return RecordEngine.result(outboundDone ? STATUS_CLOSED : STATUS_OK, handshakeStatus(), 0, produced);
        }
        if (outboundDone || fatal) {
            return RecordEngine.result(STATUS_CLOSED, handshakeStatus(), 0, produced);
        }
        int n = Math.min(Math.min(src.readableBytes(), MAX_PLAINTEXT), dst.writableBytes() - OVERHEAD);
        if (n <= 0 || pending() > 0) {
            return RecordEngine.result(STATUS_OK, handshakeStatus(), 0, produced); // a fresh buffer first
        }
        try {
            int written = (int) OpenSsl.SSL_WRITE.invokeExact(ssl, src.address() + src.readIndex(), n);
            if (written <= 0) {
                fatal = true;
                throw OpenSsl.failure("OpenSSL could not seal a record", ssl, false);
            }
            src.skip(written);
            return RecordEngine.result(STATUS_OK, handshakeStatus(), written, produced + drain(dst));
        } catch (SSLException e) {
            throw e;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** Moves what the write BIO holds into {@code dst}, as far as it has room. */
    private int drain(Buf dst) {
        try {
            int room = dst.writableBytes();
            if (room == 0) {
                return 0;
            }
            int n = (int) OpenSsl.BIO_READ.invokeExact(wbio, dst.address() + dst.writeIndex(), room);
            if (n <= 0) {
                return 0; // empty: a memory BIO's "retry"
            }
            dst.writeIndex(dst.writeIndex() + n);
            return n;
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    private long pending() {
        try {
            return wbio == 0 ? 0 : (long) OpenSsl.BIO_CTRL_PENDING.invokeExact(wbio);
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    @Override
    public Runnable delegatedTask() {
        return null;
    }

    @Override
    public void closeOutbound() {
        if (outboundDone) {
            return;
        }
        outboundDone = true;
        if (!finished || fatal || ssl == 0) {
            return; // during the handshake or after an alert there is no close_notify to send
        }
        try {
            int r = (int) OpenSsl.SSL_SHUTDOWN.invokeExact(ssl);
            if (r < 0) {
                OpenSsl.clearErrors(); // the peer is gone already; nothing more to say
            }
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    @Override
    public boolean isOutboundDone() {
        return outboundDone;
    }

    @Override
    public int packetBufferSize() {
        return MAX_PLAINTEXT + OVERHEAD;
    }

    @Override
    public int applicationBufferSize() {
        return MAX_PLAINTEXT;
    }

    @Override
    public SSLSession session() {
        OpenSslSession s = session;
        return s != null ? s : OpenSslSession.handshaking(peerHost, peerPort, packetBufferSize(),
            applicationBufferSize());
    }

    @Override
    public String protocol() {
        OpenSslSession s = session;
        return s == null ? null : s.getProtocol();
    }

    @Override
    public String applicationProtocol() {
        OpenSslSession s = session;
        return s == null ? null : s.applicationProtocol();
    }

    @Override
    public String requestedServerName() {
        OpenSslSession s = session;
        return s == null ? null : s.requestedServerName();
    }

    @Override
    public void free() {
        outboundDone = true;
        long s = ssl;
        ssl = 0;
        rbio = 0;
        wbio = 0;
        freeSsl(s);
    }

    private static void freeSsl(long ssl) {
        if (ssl == 0) {
            return;
        }
        try {
            OpenSsl.SSL_FREE.invokeExact(ssl);
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }
}
