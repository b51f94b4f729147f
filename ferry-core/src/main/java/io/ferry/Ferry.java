package io.ferry;

import io.ferry.spi.Backend;
import io.ferry.backend.BackendKind;
import io.ferry.spi.ListenerIo;
import io.ferry.spi.IoDriver;
import io.ferry.spi.LoopCounters;
import io.ferry.buffer.BufferPool;
import io.ferry.file.AsyncFile;
import io.ferry.loop.ErrorHandler;
import io.ferry.spi.FileSettings;
import io.ferry.loop.EventLoop;
import io.ferry.loop.LoopGroup;
import io.ferry.net.Connection;
import io.ferry.net.DatagramHandler;
import io.ferry.net.DatagramOptions;
import io.ferry.net.DatagramSocket;
import io.ferry.connection.DatagramEndpoint;
import io.ferry.net.Handler;
import io.ferry.net.HandlerFactory;
import io.ferry.net.Listener;
import io.ferry.net.SocketOptions;
import io.ferry.runtime.LoopCarrier;
import io.ferry.runtime.LoopThread;
import io.ferry.runtime.LoopThreads;
import io.ferry.backend.UringReceiveStrategy;
import io.ferry.backend.uring.UringConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The runtime: a backend, its event loops and their buffer pools. Everything a user touches hangs
 * off one {@code Ferry}, and {@link #close()} shuts it all down in order: stop accepting, flush and
 * close connections, wait for final completions, free memory.
 *
 * <pre>{@code
 * try (Ferry ferry = Ferry.builder().backend(BackendKind.AUTO).loops(2).build()) {
 *     ferry.listen(new InetSocketAddress("127.0.0.1", 8080), conn -> (c, data) -> c.writeAndFlush(data));
 *     ...
 * }
 * }</pre>
 *
 * <p>Threads: all methods may be called from any thread.
 */
public final class Ferry implements AutoCloseable {
    private final Backend backend;
    /** The loops as the runtime sees them (driver, resources); {@link #loops} is the same loops for users. */
    private final List<LoopThread> threads;
    private final LoopGroup loops;
    private final SocketOptions socketOptions;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final long closeGraceNanos;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final AtomicBoolean closeStarted = new AtomicBoolean();

    private Ferry(Builder b) throws IOException {
        this.backend = b.backendInstance != null ? b.backendInstance : Backends.select(b.backend, b.uringConfig());
        this.socketOptions = b.socketOptions;
        this.closeGraceNanos = b.closeGraceNanos;
        this.threads = LoopThreads.start(b.loops, backend, b.pool, b.errors, b.taskCapacity, b.files);
        this.loops = new LoopGroup(threads);
    }

    /**
     * Starts configuring a runtime; {@link Builder#build()} starts it.
     *
     * @return a builder with the defaults (AUTO backend, one loop per core)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Which backend runs the loops ({@link BackendKind#AUTO} resolved).
     *
     * @return {@code URING}, {@code EPOLL} or {@code NIO}
     */
    public BackendKind backend() {
        return backend.kind();
    }

    /**
     * True when {@link EventLoop#virtualThreads()} are carried by the loops, so a virtual thread and its
     * loop hand work over without a thread switch; false (with the reason in
     * {@link #virtualThreadCarrierUnavailableReason()}) when the JDK keeps them on its own carriers, which
     * needs {@code --add-opens java.base/java.lang=io.ferry.core} (or {@code ALL-UNNAMED} on the class
     * path) to change.
     *
     * @return whether loops carry their virtual threads in this JVM
     */
    public static boolean carriesVirtualThreads() {
        return LoopCarrier.isAvailable();
    }

    /**
     * Why {@link #carriesVirtualThreads()} is false.
     *
     * @return the reason, or null when loops carry their virtual threads
     */
    public static String virtualThreadCarrierUnavailableReason() {
        return LoopCarrier.unavailableReason();
    }

    /**
     * How this runtime runs file operations, for people: {@code "io_uring native"} or
     * {@code "blocking pool (64 threads, queue 4096)"}.
     *
     * @return one line; the same for every loop
     */
    public String fileIo() {
        LoopThread loop = threads.get(0);
        return loop.await(() -> loop.driver().files().describe());
    }

    /** One loop's figures. Its loop thread. */
    private static LoopStats snapshot(LoopThread loop) {
        int connections = loop.openConnections();
        LoopCounters c = loop.counters();
        IoDriver driver = loop.driver();
        return new LoopStats(loop.name(), connections, loop.openResources() - connections, driver.inFlight(),
            loop.pendingTimers(), loop.queuedTasks(), c.accepted(), c.opened(), c.closed(), c.bytesIn(),
            c.bytesOut(), driver.kernelEntries(), c.polls(), c.events(), driver.submitCalls(),
            driver.submittedEntries(), loop.pool().stats());
    }

    /**
     * A snapshot of every loop: connections and bytes, kernel entries and batching, operations in flight,
     * timers, queued tasks and buffers.
     * Each loop's figures are read on its own thread; any thread may call this (a loop thread should
     * not: it waits for the other loops).
     *
     * @return the snapshot, in loop order
     */
    public FerryStats stats() {
        List<LoopStats> each = new ArrayList<>(threads.size());
        for (LoopThread loop : threads) {
            each.add(loop.await(() -> snapshot(loop)));
        }
        return new FerryStats(each);
    }

    /**
     * The event loops, in order.
     *
     * @return the group, the same one on every call
     */
    public LoopGroup loops() {
        return loops;
    }

    /**
     * Default socket options of this runtime.
     *
     * @return the options {@link #listen(SocketAddress, HandlerFactory)} and {@link #connect} use
     */
    public SocketOptions socketOptions() {
        return socketOptions;
    }

    /**
     * Listens with the default socket options; see {@link #listen(SocketAddress, SocketOptions, HandlerFactory)}.
     *
     * @param address where to listen: an {@link InetSocketAddress} (port 0 picks a free port, which
     *     {@link Listener#localAddress()} tells) or a {@link UnixDomainSocketAddress}
     * @param factory makes the handler of each accepted connection, on that connection's loop
     * @return the listener; closing it stops accepting and leaves accepted connections open
     * @throws IOException when the socket cannot be set up; the message names the address
     */
    public Listener listen(SocketAddress address, HandlerFactory factory) throws IOException {
        return listen(address, socketOptions, factory);
    }

    /**
     * Listens on {@code address}. With SO_REUSEPORT every loop gets its own listening socket on the
     * same port (the kernel spreads connections); otherwise the first loop accepts for all.
     *
     * <p>A {@link UnixDomainSocketAddress} listens on a Unix domain socket: a stale socket file at its path
     * (one nobody listens on) is removed first, the file gets {@link SocketOptions#unixMode()} (or what the umask
     * gave) before this returns, and closing the listener removes it again if it is still the one created here.
     * A path starting with {@code '@'} is a name in Linux's abstract namespace ({@link io.ferry.net.UnixSockets}).
     *
     * <p>Note: one loop accepts a Unix socket's connections and keeps them (Unix sockets have no SO_REUSEPORT).
     *
     * @param address where to listen: an {@link InetSocketAddress} (port 0 picks a free port, which
     *     {@link Listener#localAddress()} tells) or a {@link UnixDomainSocketAddress}
     * @param options the accepted connections' options (backlog, watermarks, SO_REUSEPORT, ...)
     * @param factory makes the handler of each accepted connection, on that connection's loop
     * @return the listener; closing it stops accepting and leaves accepted connections open
     * @throws java.net.BindException when another listener has the port, unless {@code options} ask to
     *     share it ({@link SocketOptions#withSharedPort}); when another listener has the Unix socket path, or
     *     the path exists and is not a socket (it is then left alone)
     * @throws java.net.SocketException when a Unix socket path is longer than {@code sun_path} allows (107 bytes)
     * @throws UnsupportedOperationException for an abstract Unix name on the nio backend, or another kind of
     *     address
     * @throws IOException when the sockets cannot be set up; the message names the address
     */
    public Listener listen(SocketAddress address, SocketOptions options, HandlerFactory factory)
        throws IOException {
        ensureOpen();
        if (address instanceof UnixDomainSocketAddress unix) {
            UnixSocketFile file = UnixSocketFile.prepare(unix);
            Listener listener = bind(address, 1, options, factory, file == null ? () -> { } : file::remove);
            try {
                if (file != null) {
                    file.created(options.unixMode());
                }
            } catch (IOException e) {
                listener.close();
                throw new SocketException("listen on " + address + " failed: setting the socket file's mode: " + e);
            }
            return listener;
        }
        if (!(address instanceof InetSocketAddress inet)) {
            throw new UnsupportedOperationException("cannot listen on a " + address.getClass().getName());
        }
        if (!options.sharedPort()) {
            PortProbe.refuseIfListening(inet);
        }
        return bind(address, backend.listensOnEveryLoop() ? loops.size() : 1, options, factory, () -> { });
    }

    /** Listens on {@code count} loops; {@code afterClose} runs when the listener closes (or fails to open). */
    private Listener bind(SocketAddress address, int count, SocketOptions options, HandlerFactory factory,
                          Runnable afterClose) throws IOException {
        List<Bound> bound = new ArrayList<>(count);
        SocketAddress at = address;
        try {
            for (int i = 0; i < count; i++) {
                LoopThread loop = threads.get(i);
                SocketAddress bindTo = at;
                ListenerIo io = loop.await(() -> {
                    try {
                        return loop.driver().listen(bindTo, options, factory);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                bound.add(new Bound(loop, io));
                at = io.localAddress();
            }
        } catch (UncheckedIOException e) {
            bound.forEach(Bound::close);
            afterClose.run();
            String message = "listen on " + address + " failed: " + e.getCause().getMessage();
            if (e.getCause() instanceof BindException) { // an abstract Unix name in use, or a race for a path
                throw (BindException) new BindException(message).initCause(e.getCause());
            }
            throw new IOException(message, e.getCause());
        }
        Listener listener = new GroupListener(at, bound, afterClose);
        listeners.add(listener);
        return listener;
    }

    /**
     * Connects with no time limit but the kernel's; see {@link #connect(SocketAddress, Handler, Duration)}.
     *
     * @param remote the peer: an {@link InetSocketAddress} or a {@link UnixDomainSocketAddress}
     * @param handler the new connection's handler, called on its loop
     * @return completes with the open connection, or fails with a {@link java.net.ConnectException}
     */
    public CompletableFuture<Connection> connect(SocketAddress remote, Handler handler) {
        return connect(remote, handler, Duration.ZERO);
    }

    /**
     * Connects to {@code remote} on the next loop. Any thread.
     *
     * <p>Note: a Unix connect to a listener whose backlog is full waits for room on io_uring and epoll, as a TCP
     * connect to a busy listener does; on nio it fails at once ({@code Resource temporarily unavailable}), because
     * java.nio closes the channel on that EAGAIN.
     *
     * @param remote the peer: an {@link InetSocketAddress}, or a {@link UnixDomainSocketAddress} (a path starting
     *     with {@code '@'}: Linux's abstract namespace, io_uring and epoll only)
     * @param handler the new connection's handler, called on its loop
     * @param timeout how long the attempt may take ({@link Duration#ZERO}: no limit but the kernel's); a
     *     connection that opens later is aborted
     * @return completes on the loop's thread with the open connection, or fails with a
     *     {@link java.net.ConnectException} on every backend, whose message reads
     *     {@code connect to HOST:PORT failed: REASON} (refused, unreachable, timed out, an unresolved address;
     *     for a Unix socket {@code connect to PATH failed: REASON}: no such file, refused by a stale socket file,
     *     a path longer than {@code sun_path}) and whose cause is the backend's own exception, if any
     */
    public CompletableFuture<Connection> connect(SocketAddress remote, Handler handler, Duration timeout) {
        ensureOpen();
        return ConnectAttempt.start(nextLoop(), remote, socketOptions, handler, timeout);
    }

    /**
     * Opens an unconnected UDP socket with the default options; see
     * {@link #openDatagram(InetSocketAddress, DatagramOptions, DatagramHandler)}.
     *
     * @param local where to bind (IPv4 or IPv6); port 0 picks a free port
     * @param handler gets every datagram, on the socket's loop
     * @return the open socket
     * @throws IOException when the socket cannot be bound; the message names the address
     */
    public DatagramSocket openDatagram(InetSocketAddress local, DatagramHandler handler) throws IOException {
        return openDatagram(local, DatagramOptions.defaults(), handler);
    }

    /**
     * Opens a UDP socket on the next loop, bound to {@code local} and, when {@code options} name a remote,
     * connected to it. It receives from the moment this returns. Any thread but this runtime's loops.
     *
     * @param local where to bind (IPv4 or IPv6); port 0 picks a free port
     * @param options the connected peer, the receive limit and the send queue
     * @param handler gets every datagram, on the socket's loop
     * @return the open socket; {@link #close()} closes it too
     * @throws IOException when the socket cannot be bound or connected; the message names the address
     */
    public DatagramSocket openDatagram(InetSocketAddress local, DatagramOptions options, DatagramHandler handler)
        throws IOException {
        ensureOpen();
        LoopThread loop = nextLoop();
        try {
            return loop.await(() -> {
                try {
                    return DatagramEndpoint.open(loop, local, options, handler);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Opens a file on the next loop; see {@link AsyncFile#open}.
     *
     * @param path the file
     * @param options as for {@link java.nio.file.Files#newByteChannel}, plus {@link io.ferry.file.FerryOpenOption}
     * @return completes with the open file, or fails with a {@link io.ferry.file.FileIoException}
     */
    public CompletableFuture<AsyncFile> open(Path path, OpenOption... options) {
        ensureOpen();
        return AsyncFile.open(nextLoop(), path, options);
    }

    /** The next loop round-robin, as the runtime sees it: {@link #loops} holds only loops made here. */
    private LoopThread nextLoop() {
        return (LoopThread) loops.next();
    }

    private void ensureOpen() {
        if (closeStarted.get()) {
            throw new IllegalStateException("Ferry is closed");
        }
    }

    /**
     * Stops accepting, closes connections after flushing (waiting up to the close grace period, then
     * aborting the rest), stops the loops once their final completions arrived, and frees the pools.
     * Blocks until then, except on one of this runtime's loop threads (a handler): there it starts the
     * shutdown, as {@link #closeAsync()} does, and returns, because the loop can only stop once the
     * handler has returned. Any thread; later calls wait for (or return with) the first.
     */
    @Override
    public void close() {
        CompletableFuture<Void> done = closeAsync();
        if (!onOwnLoop()) {
            done.join();
        }
    }

    /**
     * Starts {@link #close()}'s shutdown on a thread of its own and returns at once. Any thread.
     *
     * @return completes when every loop has stopped and every pool is freed; the same for every call
     */
    public CompletableFuture<Void> closeAsync() {
        if (closeStarted.compareAndSet(false, true)) {
            Thread.ofPlatform().name("ferry-close").start(() -> {
                try {
                    shutdown();
                    terminated.complete(null);
                } catch (Throwable t) {
                    terminated.completeExceptionally(t);
                }
            });
        }
        return terminated.copy();
    }

    private boolean onOwnLoop() {
        for (EventLoop loop : loops.loops()) {
            if (loop.inLoop()) {
                return true;
            }
        }
        return false;
    }

    /** The shutdown in order; never on a loop thread, which it waits for. */
    private void shutdown() {
        listeners.forEach(Listener::close);
        long deadline = System.nanoTime() + closeGraceNanos;
        for (LoopThread loop : threads) {
            try {
                loop.await(() -> {
                    loop.closeResourcesGracefully();
                    return null;
                });
            } catch (RuntimeException e) {
                // a loop that does not answer is stopped below anyway
            }
        }
        for (LoopThread loop : threads) {
            while (System.nanoTime() - deadline < 0 && openOn(loop) > 0) {
                sleepBriefly();
            }
        }
        loops.close();
    }

    private static int openOn(LoopThread loop) {
        try {
            return loop.await(loop::openResources);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static void sleepBriefly() {
        try {
            TimeUnit.MILLISECONDS.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Bound(EventLoop loop, ListenerIo io) {
        void close() {
            try {
                loop.await(() -> {
                    io.close();
                    return null;
                });
            } catch (RuntimeException e) {
                // the loop is gone, and its sockets with it
            }
        }
    }

    /** {@code Ferry[uring backend (...), 2 loops [ferry-uring-0, ferry-uring-1]]}. */
    @Override
    public String toString() {
        return "Ferry[" + backend + ", " + loops + "]";
    }

    private static final class GroupListener implements Listener {
        private final SocketAddress address;
        private final List<Bound> bound;
        private final Runnable afterClose;
        private volatile boolean closed;

        GroupListener(SocketAddress address, List<Bound> bound, Runnable afterClose) {
            this.address = address;
            this.bound = bound;
            this.afterClose = afterClose;
        }

        @Override
        public SocketAddress localAddress() {
            return address;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                bound.forEach(Bound::close);
                afterClose.run();
            }
        }
    }

    /** Settings; every one has a sane default. */
    public static final class Builder {
        private BackendKind backend = BackendKind.AUTO;
        private Backend backendInstance;
        private UringConfig uring;
        private UringReceiveStrategy uringReceive;
        private int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        private java.util.function.Supplier<BufferPool> pool = BufferPool::create;
        private SocketOptions socketOptions = SocketOptions.defaults();
        private ErrorHandler errors = ErrorHandler.logging();
        private int taskCapacity = 65_536;
        private long closeGraceNanos = TimeUnit.SECONDS.toNanos(5);
        private FileSettings files = FileSettings.fromSystemProperties();

        private Builder() {
        }

        /**
         * Which backend (default AUTO: io_uring, then epoll, then nio).
         *
         * @param kind a concrete backend, or AUTO
         * @return this builder
         */
        public Builder backend(BackendKind kind) {
            this.backend = kind;
            return this;
        }

        /**
         * Sizes of each io_uring loop's ring (ignored on other backends): submission queue entries, completion
         * queue entries and receive buffers lent to the kernel, each a power of two (cq at least sq, receive buffers
         * at most 32768). Default 1024 / 8192 / 256 ({@code -Dferry.uring.recvBuffers=N}). Fewer receive buffers
         * mean less memory lent to idle connections and more receives that wait for one (ENOBUFS, re-armed).
         *
         * @param sqEntries submission queue entries
         * @param cqEntries completion queue entries, at least {@code sqEntries}
         * @param recvBuffers receive buffers in the provided-buffer ring (the ring receive strategies only)
         * @return this builder
         * @throws IllegalArgumentException when a size is not a power of two or out of range
         */
        public Builder uringRing(int sqEntries, int cqEntries, int recvBuffers) {
            this.uring = new UringConfig(sqEntries, cqEntries, recvBuffers);
            return this;
        }

        /**
         * How io_uring loops receive (default {@link UringReceiveStrategy#PROVIDED_RING}, or
         * {@code -Dferry.uring.receive=NAME}). Ignored on epoll and {@code java.nio}, which read into the loop's
         * shared buffer whatever is chosen here: the choice belongs to the io_uring backend, and AUTO may pick
         * another backend. Note: a strategy this kernel lacks (INCREMENTAL_RING before Linux 6.12) makes
         * {@link #build()} fail with a message naming the kernel it needs; there is no fallback.
         *
         * @param strategy the receive strategy
         * @return this builder
         */
        public Builder uringReceive(UringReceiveStrategy strategy) {
            this.uringReceive = java.util.Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /** The io_uring settings: null (the defaults) unless sizes or a receive strategy were set. */
        private UringConfig uringConfig() {
            if (uringReceive == null) {
                return uring;
            }
            return (uring == null ? UringConfig.fromSystemProperties() : uring).withReceive(uringReceive);
        }

        /** A specific backend instance (white-box tests inject faults with it); overrides the others. */
        Builder backend(Backend instance) {
            this.backendInstance = instance;
            return this;
        }

        /**
         * Number of event loops (default: one per available core).
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder loops(int count) {
            this.loops = count;
            return this;
        }

        /**
         * Makes each loop's buffer pool (default {@link BufferPool#create()}).
         *
         * @param factory called once per loop, on the thread calling {@link #build()}
         * @return this builder
         */
        public Builder pools(java.util.function.Supplier<BufferPool> factory) {
            this.pool = factory;
            return this;
        }

        /**
         * Default socket options for listeners and connects that name none (default {@link SocketOptions#defaults()}).
         *
         * @param options the options
         * @return this builder
         */
        public Builder socketOptions(SocketOptions options) {
            this.socketOptions = options;
            return this;
        }

        /**
         * Where errors escaping handlers go (default: logged).
         *
         * @param handler called on the loop thread where the error escaped
         * @return this builder
         */
        public Builder errorHandler(ErrorHandler handler) {
            this.errors = handler;
            return this;
        }

        /**
         * Capacity of each loop's cross-thread task queue (default 65,536).
         *
         * @param capacity tasks other threads may have waiting per loop before {@code execute} refuses more
         * @return this builder
         */
        public Builder taskQueueCapacity(int capacity) {
            this.taskCapacity = capacity;
            return this;
        }

        /**
         * How long {@link Ferry#close()} lets connections flush before aborting them (default 5 s).
         *
         * @param time the grace period, in {@code unit}
         * @param unit the unit of {@code time}
         * @return this builder
         */
        public Builder closeGrace(long time, TimeUnit unit) {
            this.closeGraceNanos = unit.toNanos(time);
            return this;
        }

        /**
         * Threads of each loop's blocking file pool on epoll and java.nio (default 64, or
         * {@code -Dferry.files.threads=N}); they start as file operations need them and end when idle.
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder fileThreads(int threads) {
            this.files = files.withBlockingThreads(threads);
            return this;
        }

        /**
         * File operations that may wait for a blocking pool thread (default 4096, or
         * {@code -Dferry.files.queue=N}); beyond it operations fail with RejectedExecutionException.
         *
         * @param capacity at least 1
         * @return this builder
         */
        public Builder fileQueueCapacity(int capacity) {
            this.files = files.withBlockingQueue(capacity);
            return this;
        }

        /**
         * File operations each io_uring loop keeps in the kernel at once (default 256, or
         * {@code -Dferry.uring.fileOps=N}); more wait on the loop (operations on open files before new opens).
         *
         * @param ops at least 1
         * @return this builder
         */
        public Builder fileOpsInFlight(int ops) {
            this.files = files.withUringOpsInFlight(ops);
            return this;
        }

        /**
         * The most kernel workers each io_uring loop's ring may use for file operations that cannot
         * complete inline (creating opens, fsync, O_DIRECT and large buffered writes); default 64, or
         * {@code -Dferry.uring.fileWorkers=N}; 0 keeps the kernel's bound of 4 per CPU. Why 64: see
         * {@link FileSettings#fromSystemProperties()}.
         *
         * @param workers at least 0
         * @return this builder
         */
        public Builder fileKernelWorkers(int workers) {
            this.files = files.withUringFileWorkers(workers);
            return this;
        }

        /**
         * Picks the backend and starts the loops.
         *
         * @return the running runtime; close it to stop the loops
         * @throws IOException when the loops cannot start (the message names the backend and why)
         * @throws UnsupportedOperationException when the requested backend cannot run here, or with AUTO
         *     none can (the message says why for each)
         */
        public Ferry build() throws IOException {
            return new Ferry(this);
        }
    }
}
