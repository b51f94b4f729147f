package io.ferry.connection;

import io.ferry.buffer.Buf;
import java.util.ArrayDeque;

/**
 * What arrived after the handler paused reading (a completion backend may have bytes in flight): the
 * bytes, and the peer's FIN behind them, delivered after resume from a loop task of their own, before
 * anything that arrives later. A connection makes this at its first held bytes: most never hold any, and
 * each idle connection would otherwise carry these fields (issue 17). Loop thread only.
 */
final class HeldReads {
    private final ArrayDeque<Buf> bufs = new ArrayDeque<>();
    /** The loop task that delivers them, made once. */
    final Runnable deliver;
    /** The FIN came after held bytes: it goes to the handler after them. */
    boolean inputClosed;
    /** {@link #deliver} is queued on the loop. */
    boolean scheduled;

    HeldReads(Runnable deliver) {
        this.deliver = deliver;
    }

    void add(Buf data) {
        bufs.add(data);
    }

    /** {@return the oldest held bytes, or null} */
    Buf poll() {
        return bufs.poll();
    }

    boolean hasBytes() {
        return !bufs.isEmpty();
    }

    /** The connection closed: the bytes go back unread. */
    void releaseAll() {
        bufs.forEach(Buf::release);
        bufs.clear();
    }
}
