package io.ferry.net.tls;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.ferry.linux.NativeAccess;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The OpenSSL 3 functions Ferry calls ({@code libssl.so.3}, {@code libcrypto.so.3}), as downcall handles built once.
 * Every pointer travels as a {@code long} address, so a call allocates nothing. Calls made per record are
 * {@code critical}: they never block and never call back into Java. Several OpenSSL "functions" are macros over
 * {@code SSL_ctrl}/{@code SSL_CTX_ctrl}; their constants are here.
 *
 * <p>Threads: any; an {@code SSL*} is used by one thread at a time (its connection's loop). OpenSSL's error
 * queue is per thread, so {@link #failure} drains it on the thread that saw the failure.
 */
final class OpenSsl {
    static final int SSL_ERROR_WANT_READ = 2;
    static final int SSL_ERROR_ZERO_RETURN = 6;
    static final int SSL_FILETYPE_PEM = 1;
    static final int SSL_VERIFY_PEER = 1;
    static final int SSL_SENT_SHUTDOWN = 1;
    static final int SSL_CTRL_SET_TLSEXT_HOSTNAME = 55;
    static final int SSL_CTRL_SET_MIN_PROTO_VERSION = 123;
    static final int SSL_CTRL_SET_MAX_PROTO_VERSION = 124;
    static final long SSL_OP_NO_RENEGOTIATION = 1L << 30;
    static final int TLS1_2_VERSION = 0x0303;
    static final int TLS1_3_VERSION = 0x0304;
    static final int TLSEXT_NAMETYPE_HOST_NAME = 0;
    static final int SSL_TLSEXT_ERR_OK = 0;
    static final int SSL_TLSEXT_ERR_ALERT_FATAL = 2;
    static final int OPENSSL_NPN_NEGOTIATED = 1;

    private static final String MISSING;
    private static final SymbolLookup LIB;

    static {
        String missing = null;
        SymbolLookup lib = name -> Optional.empty();
        try {
            lib = NativeAccess.library("libssl.so.3").or(NativeAccess.library("libcrypto.so.3"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            missing = "the OpenSSL TLS provider needs OpenSSL 3 (libssl.so.3 and libcrypto.so.3), which could not be"
                + " loaded (" + e.getMessage() + "): install libssl3 (e.g. apt-get install libssl3) or use"
                + " TlsProvider.JDK";
        }
        MISSING = missing;
        LIB = lib;
    }

    static final MethodHandle TLS_METHOD = fn("TLS_method", false, JAVA_LONG);
    static final MethodHandle SSL_CTX_NEW = fn("SSL_CTX_new", false, JAVA_LONG, JAVA_LONG);
    static final MethodHandle SSL_CTX_FREE = fnVoid("SSL_CTX_free", false, JAVA_LONG);
    static final MethodHandle SSL_CTX_CTRL = fn("SSL_CTX_ctrl", false, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG,
        JAVA_LONG);
    static final MethodHandle SSL_CTX_SET_OPTIONS = fn("SSL_CTX_set_options", false, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    static final MethodHandle SSL_CTX_USE_CERTIFICATE_CHAIN_FILE = fn("SSL_CTX_use_certificate_chain_file", false,
        JAVA_INT, JAVA_LONG, JAVA_LONG);
    static final MethodHandle SSL_CTX_USE_PRIVATEKEY_FILE = fn("SSL_CTX_use_PrivateKey_file", false, JAVA_INT,
        JAVA_LONG, JAVA_LONG, JAVA_INT);
    static final MethodHandle SSL_CTX_CHECK_PRIVATE_KEY = fn("SSL_CTX_check_private_key", false, JAVA_INT,
        JAVA_LONG);
    static final MethodHandle SSL_CTX_LOAD_VERIFY_LOCATIONS = fn("SSL_CTX_load_verify_locations", false, JAVA_INT,
        JAVA_LONG, JAVA_LONG, JAVA_LONG);
    static final MethodHandle SSL_CTX_SET_DEFAULT_VERIFY_PATHS = fn("SSL_CTX_set_default_verify_paths", false,
        JAVA_INT, JAVA_LONG);
    static final MethodHandle SSL_CTX_SET_VERIFY = fnVoid("SSL_CTX_set_verify", false, JAVA_LONG, JAVA_INT,
        JAVA_LONG);
    static final MethodHandle SSL_CTX_SET_ALPN_SELECT_CB = fnVoid("SSL_CTX_set_alpn_select_cb", false, JAVA_LONG,
        JAVA_LONG, JAVA_LONG);
    static final MethodHandle SSL_CTX_SET_ALPN_PROTOS = fn("SSL_CTX_set_alpn_protos", false, JAVA_INT, JAVA_LONG,
        JAVA_LONG, JAVA_INT);
    static final MethodHandle SSL_SELECT_NEXT_PROTO = fn("SSL_select_next_proto", true, JAVA_INT, JAVA_LONG,
        JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT);
    static final MethodHandle SSL_NEW = fn("SSL_new", false, JAVA_LONG, JAVA_LONG);
    static final MethodHandle SSL_FREE = fnVoid("SSL_free", false, JAVA_LONG);
    static final MethodHandle SSL_SET_BIO = fnVoid("SSL_set_bio", true, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    static final MethodHandle SSL_SET_ACCEPT_STATE = fnVoid("SSL_set_accept_state", true, JAVA_LONG);
    static final MethodHandle SSL_SET_CONNECT_STATE = fnVoid("SSL_set_connect_state", true, JAVA_LONG);
    /** Not critical: the handshake may call the ALPN callback. */
    static final MethodHandle SSL_DO_HANDSHAKE = fn("SSL_do_handshake", false, JAVA_INT, JAVA_LONG);
    static final MethodHandle SSL_READ = fn("SSL_read", true, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT);
    static final MethodHandle SSL_WRITE = fn("SSL_write", true, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT);
    static final MethodHandle SSL_GET_ERROR = fn("SSL_get_error", true, JAVA_INT, JAVA_LONG, JAVA_INT);
    static final MethodHandle SSL_SHUTDOWN = fn("SSL_shutdown", true, JAVA_INT, JAVA_LONG);
    static final MethodHandle SSL_CTRL = fn("SSL_ctrl", false, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG);
    static final MethodHandle SSL_SET1_HOST = fn("SSL_set1_host", false, JAVA_INT, JAVA_LONG, JAVA_LONG);
    static final MethodHandle SSL_VERSION = fn("SSL_version", true, JAVA_INT, JAVA_LONG);
    static final MethodHandle SSL_GET_VERSION = fn("SSL_get_version", true, JAVA_LONG, JAVA_LONG);
    static final MethodHandle SSL_GET_CURRENT_CIPHER = fn("SSL_get_current_cipher", true, JAVA_LONG, JAVA_LONG);
    static final MethodHandle SSL_CIPHER_STANDARD_NAME = fn("SSL_CIPHER_standard_name", true, JAVA_LONG,
        JAVA_LONG);
    static final MethodHandle SSL_GET0_ALPN_SELECTED = fnVoid("SSL_get0_alpn_selected", true, JAVA_LONG, JAVA_LONG,
        JAVA_LONG);
    static final MethodHandle SSL_GET_SERVERNAME = fn("SSL_get_servername", true, JAVA_LONG, JAVA_LONG, JAVA_INT);
    static final MethodHandle SSL_GET_PEER_CERT_CHAIN = fn("SSL_get_peer_cert_chain", true, JAVA_LONG, JAVA_LONG);
    static final MethodHandle SSL_GET1_PEER_CERTIFICATE = fn("SSL_get1_peer_certificate", true, JAVA_LONG,
        JAVA_LONG);
    static final MethodHandle SSL_GET_VERIFY_RESULT = fn("SSL_get_verify_result", true, JAVA_LONG, JAVA_LONG);
    static final MethodHandle X509_VERIFY_CERT_ERROR_STRING = fn("X509_verify_cert_error_string", true, JAVA_LONG,
        JAVA_LONG);
    static final MethodHandle BIO_S_MEM = fn("BIO_s_mem", true, JAVA_LONG);
    static final MethodHandle BIO_NEW = fn("BIO_new", false, JAVA_LONG, JAVA_LONG);
    static final MethodHandle BIO_WRITE = fn("BIO_write", true, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT);
    static final MethodHandle BIO_READ = fn("BIO_read", true, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT);
    static final MethodHandle BIO_CTRL_PENDING = fn("BIO_ctrl_pending", true, JAVA_LONG, JAVA_LONG);
    static final MethodHandle ERR_GET_ERROR = fn("ERR_get_error", true, JAVA_LONG);
    static final MethodHandle ERR_ERROR_STRING_N = fnVoid("ERR_error_string_n", true, JAVA_LONG, JAVA_LONG,
        JAVA_LONG);
    static final MethodHandle ERR_CLEAR_ERROR = fnVoid("ERR_clear_error", true);
    static final MethodHandle I2D_X509 = fn("i2d_X509", true, JAVA_INT, JAVA_LONG, JAVA_LONG);
    static final MethodHandle X509_FREE = fnVoid("X509_free", true, JAVA_LONG);
    static final MethodHandle OPENSSL_SK_NUM = fn("OPENSSL_sk_num", true, JAVA_INT, JAVA_LONG);
    static final MethodHandle OPENSSL_SK_VALUE = fn("OPENSSL_sk_value", true, JAVA_LONG, JAVA_LONG, JAVA_INT);

    private OpenSsl() {
    }

    /** {@return null when OpenSSL 3 is loaded, else why not and what to do} */
    static String unavailableReason() {
        return MISSING;
    }

    /** Throws {@link IllegalStateException} naming what is missing when OpenSSL 3 cannot be used. */
    static void require() {
        if (MISSING != null) {
            throw new IllegalStateException(MISSING);
        }
    }

    /**
     * An exception for a failed call: {@code what}, then every reason on this thread's OpenSSL error queue (which
     * it empties), then the certificate check's verdict when it failed.
     */
    static SSLException failure(String what, long ssl, boolean handshake) {
        StringBuilder m = new StringBuilder(what);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(256);
            for (long e; (e = (long) ERR_GET_ERROR.invokeExact()) != 0; ) {
                ERR_ERROR_STRING_N.invokeExact(e, text.address(), text.byteSize());
                m.append(m.length() == what.length() ? ": " : "; ").append(text.getString(0));
            }
            long verify = ssl == 0 ? 0 : (long) SSL_GET_VERIFY_RESULT.invokeExact(ssl);
            if (verify != 0) {
                m.append(" (certificate: ").append(cString((long) X509_VERIFY_CERT_ERROR_STRING.invokeExact(verify)))
                    .append(')');
            }
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
        return handshake ? new SSLHandshakeException(m.toString()) : new SSLException(m.toString());
    }

    /** Empties this thread's error queue (entries a tolerated failure left behind). */
    static void clearErrors() {
        try {
            ERR_CLEAR_ERROR.invokeExact();
        } catch (Throwable t) {
            throw NativeAccess.rethrow(t);
        }
    }

    /** {@return the NUL-terminated string at {@code address}, or null for 0} */
    static String cString(long address) {
        return address == 0 ? null : NativeAccess.cString(address, 4096);
    }

    private static MethodHandle fn(String name, boolean critical, MemoryLayout result,
                                   MemoryLayout... args) {
        return MISSING != null ? null
            : NativeAccess.function(LIB, name, FunctionDescriptor.of(result, args), critical);
    }

    private static MethodHandle fnVoid(String name, boolean critical, MemoryLayout... args) {
        return MISSING != null ? null : NativeAccess.function(LIB, name, FunctionDescriptor.ofVoid(args), critical);
    }
}
