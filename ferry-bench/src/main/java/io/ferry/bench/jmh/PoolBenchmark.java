package io.ferry.bench.jmh;

import io.ferry.buffer.Buf;
import io.ferry.buffer.BufSink;
import io.ferry.buffer.BufWriter;
import io.ferry.buffer.BufferPool;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Ferry's {@link BufferPool} next to Netty's {@link PooledByteBufAllocator} (direct buffers): taking
 * and returning a 16 KiB buffer, and making and dropping a slice of a held buffer. Also Ferry's
 * {@link BufWriter} packing small responses: {@value #BATCH} appends of {@value #MESSAGE} bytes, then
 * one drain (scored per message), as in one turn of a pipelined HTTP loop.
 *
 * <p>Each benchmark thread has its own pool, as each event loop does. Ferry runs with its debug checks
 * and leak detection off (the defaults); Netty's leak detector is switched off to match, and its
 * per-thread cache is switched on for the JMH thread (by default Netty 4.2 caches only on its own
 * {@code FastThreadLocalThread}s, which is what its event loops run on).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dio.netty.leakDetection.level=disabled",
    "-Dio.netty.allocator.useCacheForAllThreads=true"})
public class PoolBenchmark {
    private static final int SIZE = 16 * 1024;
    private static final int SLICE = 512;
    private static final int BATCH = 16;
    private static final int MESSAGE = 64;

    private final byte[] message = new byte[MESSAGE];
    private final BufSink releasing = Buf::release;
    private BufferPool pool;
    private BufWriter writer;
    private Buf ferryParent;
    private ByteBuf nettyParent;

    @Setup(Level.Trial)
    public void setUp() {
        pool = BufferPool.create();
        ferryParent = pool.acquire(SIZE);
        writer = new BufWriter(pool);
        nettyParent = PooledByteBufAllocator.DEFAULT.directBuffer(SIZE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ferryParent.release();
        writer.close();
        nettyParent.release();
        pool.close();
    }

    @Benchmark
    public long ferryAcquireRelease() {
        Buf b = pool.acquire(SIZE);
        long address = b.address();
        b.release();
        return address;
    }

    @Benchmark
    public long ferrySliceRelease() {
        Buf s = ferryParent.slice(SLICE, SLICE);
        long address = s.address();
        s.release();
        return address;
    }

    @Benchmark
    public long nettyAcquireRelease() {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(SIZE);
        long address = b.memoryAddress();
        b.release();
        return address;
    }

    @Benchmark
    public long nettyRetainedSliceRelease() {
        ByteBuf s = nettyParent.retainedSlice(SLICE, SLICE);
        long address = s.memoryAddress();
        s.release();
        return address;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int ferryWriterAppendDrain() {
        for (int i = 0; i < BATCH; i++) {
            writer.write(message);
        }
        return writer.drain(releasing);
    }
}
