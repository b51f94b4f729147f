package io.ferry.net.tls;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.ferry.linux.NativeAccess;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * One OpenSSL {@code SSL_CTX}, made from a {@link TlsConfig}'s PEM files and settings once, shared by all of its
 * connections, and freed by a {@link Cleaner} when the configuration is unreachable (each {@code SSL*} holds its
 * own reference to the context, so a connection still open keeps it alive in OpenSSL).
 *
 * <p>Threads: any.
 */
final class OpenSslContext {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final MemorySegment ALPN_SELECT = alpnSelectStub();
    private final long ctx;

    private OpenSslContext(long ctx) {
        this.ctx = ctx;
    }

    /** {@return the {@code SSL_CTX*}} */
    long address() {
        return ctx;
    }

    /**
     * Builds the context {@code config} describes, freed when {@code config} is unreachable.
     *
     * @throws SSLException with OpenSSL's reasons when a file or setting is refused
     */
    static OpenSslContext create(TlsConfig config, Path chain, Path key, Path trust) throws SSLException {
        OpenSsl.require();
        Arena arena = Arena.ofShared(); // the ALPN list the callback reads, for the context's life
        long ctx = 0;
        try (Arena call = Arena.ofConfined()) {
            ctx = (long) OpenSsl.SSL_CTX_NEW.invokeExact((long) OpenSsl.TLS_METHOD.invokeExact());
            check(ctx != 0, "SSL_CTX_new", 0);
            List<String> protocols = config.protocols();
            long min = protocols.contains("TLSv1.2") ? OpenSsl.TLS1_2_VERSION : OpenSsl.TLS1_3_VERSION;
            long max = protocols.contains("TLSv1.3") ? OpenSsl.TLS1_3_VERSION : OpenSsl.TLS1_2_VERSION;
            check((long) OpenSsl.SSL_CTX_CTRL.invokeExact(ctx, OpenSsl.SSL_CTRL_SET_MIN_PROTO_VERSION, min, 0L) == 1,
                "SSL_CTX_set_min_proto_version", 0);
            check((long) OpenSsl.SSL_CTX_CTRL.invokeExact(ctx, OpenSsl.SSL_CTRL_SET_MAX_PROTO_VERSION, max, 0L) == 1,
                "SSL_CTX_set_max_proto_version", 0);
            long options = (long) OpenSsl.SSL_CTX_SET_OPTIONS.invokeExact(ctx, OpenSsl.SSL_OP_NO_RENEGOTIATION);
            check((options & OpenSsl.SSL_OP_NO_RENEGOTIATION) != 0, "SSL_OP_NO_RENEGOTIATION", 0);
            if (config.isClient()) {
                int loaded = trust == null ? (int) OpenSsl.SSL_CTX_SET_DEFAULT_VERIFY_PATHS.invokeExact(ctx)
                    : (int) OpenSsl.SSL_CTX_LOAD_VERIFY_LOCATIONS.invokeExact(ctx, path(call, trust), 0L);
                check(loaded == 1, trust == null ? "loading the system's trusted certificates" : "loading " + trust,
                    0);
                OpenSsl.SSL_CTX_SET_VERIFY.invokeExact(ctx, OpenSsl.SSL_VERIFY_PEER, 0L);
                if (!config.applicationProtocolList().isEmpty()) {
                    MemorySegment wire = alpnWire(call, config.applicationProtocolList());
                    check((int) OpenSsl.SSL_CTX_SET_ALPN_PROTOS.invokeExact(ctx, wire.address() + 4,
                        (int) wire.byteSize() - 4) == 0, "SSL_CTX_set_alpn_protos", 0);
                }
            } else {
                check((int) OpenSsl.SSL_CTX_USE_CERTIFICATE_CHAIN_FILE.invokeExact(ctx, path(call, chain)) == 1,
                    "loading the certificate chain " + chain, 0);
                check((int) OpenSsl.SSL_CTX_USE_PRIVATEKEY_FILE.invokeExact(ctx, path(call, key),
                    OpenSsl.SSL_FILETYPE_PEM) == 1, "loading the private key " + key, 0);
                check((int) OpenSsl.SSL_CTX_CHECK_PRIVATE_KEY.invokeExact(ctx) == 1,
                    "checking the key " + key + " against " + chain, 0);
                if (!config.applicationProtocolList().isEmpty()) {
                    MemorySegment wire = alpnWire(arena, config.applicationProtocolList());
                    OpenSsl.SSL_CTX_SET_ALPN_SELECT_CB.invokeExact(ctx, ALPN_SELECT.address(), wire.address());
                }
            }
        } catch (SSLException e) {
            free(ctx, arena);
            throw e;
        } catch (Throwable t) {
            free(ctx, arena);
            throw NativeAccess.rethrow(t);
        }
        OpenSslContext context = new OpenSslContext(ctx);
        long freed = ctx;
        CLEANER.register(config, () -> free(freed, arena));
        return context;
    }

    private static void check(boolean ok, String what, long ssl) throws SSLException {
        if (!ok) {
            throw OpenSsl.failure("OpenSSL refused " + what, ssl, false);
        }
    }

    private static long path(Arena arena, Path file) {
        return arena.allocateFrom(file.toString()).address();
    }

    /** The ALPN wire format (length-prefixed names) after a 4-byte length of it, as the callback reads it. */
    private static MemorySegment alpnWire(Arena arena, List<String> names) {
        int n = 0;
        for (String name : names) {
            n += 1 + name.getBytes(StandardCharsets.US_ASCII).length;
        }
        MemorySegment wire = arena.allocate(4 + n);
        wire.set(JAVA_INT, 0, n);
        long at = 4;
        for (String name : names) {
            byte[] b = name.getBytes(StandardCharsets.US_ASCII);
            wire.set(JAVA_BYTE, at, (byte) b.length);
            MemorySegment.copy(b, 0, wire, JAVA_BYTE, at + 1, b.length);
            at += 1 + b.length;
        }
        return wire;
    }

    private static void free(long ctx, Arena arena) {
        try {
            if (ctx != 0) {
                OpenSsl.SSL_CTX_FREE.invokeExact(ctx);
            }
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        } finally {
            arena.close();
        }
    }

    /**
     * The server's ALPN choice ({@code SSL_CTX_set_alpn_select_cb}): the first of its names (after the 4-byte
     * length at {@code arg}) the client offered; none fails the handshake, as the JDK does. Runs on the loop,
     * inside {@code SSL_do_handshake}.
     */
    private static int selectAlpn(long ssl, long out, long outLength, long in, int inLength, long arg) {
        try {
            int serverLength = NativeAccess.segment(arg, 4).get(JAVA_INT, 0);
            int r = (int) OpenSsl.SSL_SELECT_NEXT_PROTO.invokeExact(out, outLength, arg + 4, serverLength, in,
                inLength);
            return r == OpenSsl.OPENSSL_NPN_NEGOTIATED ? OpenSsl.SSL_TLSEXT_ERR_OK
                : OpenSsl.SSL_TLSEXT_ERR_ALERT_FATAL;
        } catch (Throwable t) {
            return OpenSsl.SSL_TLSEXT_ERR_ALERT_FATAL; // an exception must not cross into C
        }
    }

    private static MemorySegment alpnSelectStub() {
        if (OpenSsl.unavailableReason() != null) {
            return MemorySegment.NULL;
        }
        try {
            MethodHandle target = MethodHandles.lookup().findStatic(OpenSslContext.class, "selectAlpn",
                MethodType.methodType(int.class, long.class, long.class, long.class, long.class, int.class,
                    long.class));
            return NativeAccess.upcall(target, FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_INT, JAVA_LONG));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
