package app.highway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import javax.net.ssl.SSLContext;

/**
 * Terminates TLS on loopback and passes the bytes to a plain local server, so that a fake can be
 * reached at {@code wss://localhost:port} with the JDK's own TLS (one thread pair per connection).
 */
public final class TlsProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;

    public TlsProxy(SSLContext tls, int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tls-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The same path on this proxy's {@code wss://localhost} port. */
    public URI wrap(URI plain) {
        return URI.create("wss://localhost:" + server.getLocalPort() + plain.getRawPath());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                // closed, or a client that failed its handshake: keep accepting until closed
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tls-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
