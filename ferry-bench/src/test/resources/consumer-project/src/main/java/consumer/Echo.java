package consumer;

import io.ferry.Ferry;
import io.ferry.net.Listener;
import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/** One echo round trip through a Ferry listener, with a plain JDK socket as the client. */
public final class Echo {
    private Echo() {
    }

    public static void main(String[] args) throws Exception {
        try (Ferry ferry = Ferry.builder().loops(1).build()) {
            Listener l = ferry.listen(new InetSocketAddress("127.0.0.1", 0),
                c -> (conn, data) -> conn.writeAndFlush(data));
            byte[] sent = "hello from a Maven project".getBytes();
            try (Socket s = new Socket("127.0.0.1", ((InetSocketAddress) l.localAddress()).getPort())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(sent);
                byte[] back = new byte[sent.length];
                new DataInputStream(s.getInputStream()).readFully(back);
                if (!Arrays.equals(sent, back)) {
                    throw new AssertionError("echo differs");
                }
            }
            System.out.println("echoed " + sent.length + " bytes on " + ferry.backend());
        }
    }
}
