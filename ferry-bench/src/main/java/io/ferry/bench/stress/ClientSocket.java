package io.ferry.bench.stress;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * A plain JDK client socket with the checks chaos moves need: exact echoes, an end of stream or a reset
 * when one is due, all within a timeout that counts as a hang. It counts itself among the live sockets
 * so a run can relate open descriptors to live connections. {@code ferry soak} drives its servers with it too.
 *
 * <p>One thread reads; another may write at the same time.
 */
public final class ClientSocket implements AutoCloseable {
    /** How long a read waits for an answer before the move counts as a hang. */
    public static final int ANSWER_TIMEOUT_MILLIS = 15_000;
    private final Socket socket;
    private final ConnectionGauge live;
    private final InputStream in;
    private final OutputStream out;
    private boolean closed;

    private ClientSocket(Socket socket, ConnectionGauge live) throws IOException {
        this.socket = socket;
        this.live = live;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code to} (bounded by the answer timeout) and counts the socket in {@code live}. */
    public static ClientSocket connect(InetSocketAddress to, ConnectionGauge live) throws ChaosFailure {
        Socket s = new Socket();
        try {
            s.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
            s.setTcpNoDelay(true);
            s.connect(to, ANSWER_TIMEOUT_MILLIS);
        } catch (IOException e) {
            closeQuietly(s);
            throw ChaosFailure.broken("connect to the chaos server " + to + " failed", e);
        }
        live.opened();
        try {
            return new ClientSocket(s, live);
        } catch (IOException e) {
            live.closed();
            closeQuietly(s);
            throw ChaosFailure.broken("streams of " + to, e);
        }
    }

    /** The JDK socket underneath. */
    public Socket socket() {
        return socket;
    }

    /** Writes {@code bytes[off, off+len)}; a failure is a broken contract. */
    public void write(byte[] bytes, int off, int len) throws ChaosFailure {
        try {
            out.write(bytes, off, len);
        } catch (IOException e) {
            throw ChaosFailure.broken("write of " + len + " bytes to " + socket.getRemoteSocketAddress() + " failed",
                e);
        }
    }

    /** Writes all of {@code bytes}. */
    public void write(byte[] bytes) throws ChaosFailure {
        write(bytes, 0, bytes.length);
    }

    /** Reads exactly {@code expected[off, off+len)} back. */
    public void expect(byte[] expected, int off, int len, String what) throws ChaosFailure {
        expectSlowly(expected, off, len, len, 0, what);
    }

    /**
     * Reads exactly {@code expected[off, off+len)} back as a slow reader does: at most {@code chunk} bytes
     * per read, pausing {@code pauseNanos} after each, so the peer's writes back up.
     */
    public void expectSlowly(byte[] expected, int off, int len, int chunk, long pauseNanos, String what)
        throws ChaosFailure {
        byte[] got = new byte[len];
        try {
            for (int at = 0; at < len; ) {
                int n = in.read(got, at, Math.min(chunk, len - at));
                if (n < 0) {
                    throw ChaosFailure.broken(what + ": end of stream after " + at + " of " + len + " bytes");
                }
                at += n;
                if (pauseNanos > 0) {
                    LockSupport.parkNanos(pauseNanos);
                }
            }
        } catch (SocketTimeoutException e) {
            throw ChaosFailure.hang(what + ": no answer in " + ANSWER_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            throw ChaosFailure.broken(what + ": read failed", e);
        }
        if (!Arrays.equals(got, 0, len, expected, off, off + len)) {
            throw ChaosFailure.broken(what + ": the answer differs from what was expected");
        }
    }

    /** Reads and drops whatever comes until the end of stream, which must come in time. */
    public long expectEnd(String what, boolean resetAllowed) throws ChaosFailure {
        byte[] sink = new byte[16 * 1024];
        long total = 0;
        try {
            for (int n; (n = in.read(sink)) >= 0; ) {
                total += n;
            }
            return total;
        } catch (SocketTimeoutException e) {
            throw ChaosFailure.hang(what + ": neither end of stream nor reset in " + ANSWER_TIMEOUT_MILLIS + " ms", e);
        } catch (SocketException e) {
            if (resetAllowed) {
                return total;
            }
            throw ChaosFailure.broken(what + ": reset where an orderly end was due", e);
        } catch (IOException e) {
            throw ChaosFailure.broken(what + ": read failed", e);
        }
    }

    /** Reads one CRLF-terminated line as text (HTTP heads), or null at end of stream. */
    public String readLine(String what) throws ChaosFailure {
        StringBuilder line = new StringBuilder();
        try {
            for (int c; (c = in.read()) >= 0; ) {
                if (c == '\n') {
                    boolean cr = line.length() > 0 && line.charAt(line.length() - 1) == '\r';
                    return line.substring(0, cr ? line.length() - 1 : line.length());
                }
                line.append((char) c);
            }
            if (line.isEmpty()) {
                return null;
            }
            throw new EOFException("end of stream inside a line");
        } catch (SocketTimeoutException e) {
            throw ChaosFailure.hang(what + ": no answer in " + ANSWER_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            throw ChaosFailure.broken(what + ": read failed", e);
        }
    }

    /** Half-closes: sends a FIN, keeps reading. */
    public void shutdownOutput() throws ChaosFailure {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw ChaosFailure.broken("shutdownOutput failed", e);
        }
    }

    /** Closes with a reset (SO_LINGER 0) instead of a FIN. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed: nothing to reset
        }
        close();
    }

    /** Closes with a FIN (once) and counts the socket out. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            live.closed();
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing a client socket: nothing to recover
        }
    }
}
