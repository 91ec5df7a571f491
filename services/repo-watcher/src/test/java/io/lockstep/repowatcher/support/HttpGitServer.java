package io.lockstep.repowatcher.support;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A smart-HTTP Git server for tests: JGit's {@code GitServlet} on Jetty 12, behind HTTP basic auth, serving
 * {@code /git/<name>.git} from {@code <root>/<name>/origin.git} (read-only: tests push through the file transport).
 */
public final class HttpGitServer implements AutoCloseable {
    private final Server server;

    private HttpGitServer(Server server) {
        this.server = server;
    }

    /** Starts on a free port of 127.0.0.1; {@code users} maps user names to passwords (or tokens). */
    public static HttpGitServer start(Path root, Map<String, String> users) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        GitServlet git = new GitServlet();
        git.setRepositoryResolver((req, name) -> {
            String repo = name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
            if (!repo.matches("[a-z0-9-]+")) {
                throw new RepositoryNotFoundException(name);
            }
            try {
                Repository r = new FileRepositoryBuilder().setGitDir(root.resolve(repo).resolve("origin.git")
                        .toFile()).setMustExist(true).build();
                return r;
            } catch (IOException e) {
                throw new RepositoryNotFoundException(name, e);
            }
        });
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(git), "/git/*");
        context.addFilter(new FilterHolder(new BasicAuth(users)), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP Git server: " + e.getMessage(), e);
        }
        return new HttpGitServer(server);
    }

    /** {@code http://127.0.0.1:<port>/git/<name>.git}. */
    public String url(String name) {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/git/" + name
                + ".git";
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** HTTP basic auth as a Git host does it: 401 with a challenge, then the client retries with credentials. */
    private record BasicAuth(Map<String, String> users) implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String header = ((HttpServletRequest) request).getHeader("Authorization");
            if (header != null && header.startsWith("Basic ")) {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                String expected = colon < 0 ? null : users.get(decoded.substring(0, colon));
                if (expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8))) {
                    chain.doFilter(request, response);
                    return;
                }
            }
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("WWW-Authenticate", "Basic realm=\"lockstep-test\"");
            http.sendError(401);
        }
    }
}
