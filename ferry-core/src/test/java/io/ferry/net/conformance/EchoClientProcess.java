package io.ferry.net.conformance;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A separate client process for tests that need more connections than one process has descriptors
 * for: {@code EchoClientProcess PORT COUNT MESSAGES} opens COUNT connections to 127.0.0.1:PORT (JDK
 * sockets, one virtual thread each), holds them all open, then each sends MESSAGES small messages and
 * checks their echoes, shuts down output and expects end of stream. No connection shuts down before
 * every connection has had its first echo: a client's connect completes in the kernel before the
 * server accepts it, so without that wait the first connections could end before the last were
 * served, and "all served at once" would depend on timing. Prints {@code ok COUNT} and exits
 * 0, or prints the first failure and exits 1. Bounded: gives up after 90 seconds.
 */
public final class EchoClientProcess {
    private EchoClientProcess() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        int messages = Integer.parseInt(args[2]);
        CountDownLatch allOpen = new CountDownLatch(count);
        CountDownLatch allEchoed = new CountDownLatch(count);
        Semaphore connecting = new Semaphore(256); // stay under the listen backlog
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int id = i;
                done.add(clients.submit(() -> {
                    client(port, id, messages, connecting, allOpen, allEchoed);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(90, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            System.out.println("failed: " + e);
            System.out.flush();
            System.exit(1);
        }
        System.out.println("ok " + count);
    }

    private static void client(int port, int id, int messages, Semaphore connecting, CountDownLatch allOpen,
                               CountDownLatch allEchoed) throws IOException, InterruptedException {
        Socket s;
        connecting.acquire();
        try {
            s = new Socket("127.0.0.1", port);
        } finally {
            connecting.release();
        }
        try (s) {
            allOpen.countDown();
            if (!allOpen.await(60, TimeUnit.SECONDS)) {
                throw new IOException("not all connections opened within 60 s");
            }
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (int m = 0; m < messages; m++) {
                byte[] msg = BackendFixture.pattern(16 + (id + m) % 48, id * messages + m);
                out.write(msg);
                byte[] back = new byte[msg.length];
                in.readFully(back);
                if (!Arrays.equals(msg, back)) {
                    throw new IOException("client " + id + " message " + m + " came back different");
                }
                if (m == 0) { // an echo means the server serves this connection: hold it until all are served
                    allEchoed.countDown();
                    if (!allEchoed.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("not every connection echoed within 60 s");
                    }
                }
            }
            s.shutdownOutput();
            if (in.read() != -1) {
                throw new IOException("client " + id + ": no end of stream after its FIN");
            }
        }
    }
}
