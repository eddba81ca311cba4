package dev.c8s.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The test git server's repositories over ssh, as forges serve them: the real SSH protocol (Apache
 * MINA sshd), public-key authentication only, and each {@code git-upload-pack} request answered by
 * git's own {@code upload-pack}. Read-only: nothing else is executed.
 */
public final class GitSshServer implements AutoCloseable {
  // What git sends: git-upload-pack '/app.git' (the path quoted, optionally without the slash).
  private static final Pattern UPLOAD_PACK =
      Pattern.compile("^git[- ]upload-pack '/?([A-Za-z0-9._-]+\\.git)'$");

  private final SshServer sshd;
  private final PublicKey hostKey;

  private GitSshServer(SshServer sshd, PublicKey hostKey) {
    this.sshd = sshd;
    this.hostKey = hostKey;
  }

  /**
   * Serves the repositories under {@code repositories} on {@code bindAddress} (port chosen by the
   * system) to a client holding the private half of {@code clientKey}.
   */
  public static GitSshServer start(String bindAddress, Path repositories, PublicKey clientKey) {
    try {
      SshServer sshd = SshServer.setUpDefaultServer();
      sshd.setHost(bindAddress);
      sshd.setPort(0);
      SimpleGeneratorHostKeyProvider hostKeys =
          new SimpleGeneratorHostKeyProvider(
              Files.createTempDirectory("c8s-ssh").resolve("host-key"));
      sshd.setKeyPairProvider(hostKeys);
      sshd.setPasswordAuthenticator(null);
      sshd.setKeyboardInteractiveAuthenticator(null);
      sshd.setPublickeyAuthenticator(
          new KeySetPublickeyAuthenticator("c8s-test", List.of(clientKey)));
      sshd.setCommandFactory((channel, command) -> new UploadPack(repositories, command));
      sshd.start();
      PublicKey hostKey = hostKeys.loadKeys(null).iterator().next().getPublic();
      return new GitSshServer(sshd, hostKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new client key pair (ECDSA P-256), as {@code ssh-keygen -t ecdsa} would make. */
  public static KeyPair newClientKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The private key in OpenSSH's own file format, the text users put in a Secret. */
  public static String openSshPrivateKey(KeyPair key) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "c8s-test", null, out);
      return out.toString(UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The clone URL of {@code repository} as seen from {@code host}. */
  public String url(String host, String repository) {
    return "ssh://git@" + host + ":" + sshd.getPort() + "/" + repository + ".git";
  }

  /** The {@code known_hosts} line that pins this server's host key for {@code host}. */
  public String knownHostsLine(String host) {
    return "[" + host + "]:" + sshd.getPort() + " " + PublicKeyEntry.toString(hostKey);
  }

  @Override
  public void close() {
    try {
      sshd.stop(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One {@code git-upload-pack} request, run as a process with the channel as its stdio. */
  private static final class UploadPack implements Command {
    private final Path repositories;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Process process;

    UploadPack(Path repositories, String command) {
      this.repositories = repositories;
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
      this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
      Matcher request = UPLOAD_PACK.matcher(command);
      Path repository = request.matches() ? repositories.resolve(request.group(1)) : null;
      if (repository == null || !Files.isDirectory(repository)) {
        err.write(("c8s test git: cannot serve " + command + "\n").getBytes(UTF_8));
        err.flush();
        exit.onExit(128);
        return;
      }
      ProcessBuilder builder = new ProcessBuilder("git", "upload-pack", repository.toString());
      String protocol = env.getEnv().get("GIT_PROTOCOL");
      if (protocol != null) {
        builder.environment().put("GIT_PROTOCOL", protocol);
      }
      process = builder.start();
      Thread stdin = pump("stdin", in, process.getOutputStream(), true);
      Thread stdout = pump("stdout", process.getInputStream(), out, false);
      Thread stderr = pump("stderr", process.getErrorStream(), err, false);
      Thread.ofPlatform()
          .daemon()
          .name("git-ssh-exit")
          .start(
              () -> {
                try {
                  stdout.join();
                  stderr.join();
                  int code = process.waitFor();
                  stdin.interrupt();
                  exit.onExit(code);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
    }

    @Override
    public void destroy(ChannelSession channel) {
      if (process != null) {
        process.destroyForcibly();
      }
    }

    /** Copies {@code from} to {@code to} until either ends, flushing every chunk. */
    private static Thread pump(String name, InputStream from, OutputStream to, boolean closeTo) {
      return Thread.ofPlatform()
          .daemon()
          .name("git-ssh-" + name)
          .start(
              () -> {
                byte[] buffer = new byte[16 * 1024];
                try {
                  for (int n; (n = from.read(buffer)) != -1; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                  }
                } catch (IOException e) {
                  // The other side went away; the exit code tells the client what happened.
                } finally {
                  if (closeTo) {
                    closeQuietly(to);
                  }
                }
              });
    }

    private static void closeQuietly(OutputStream stream) {
      try {
        stream.close();
      } catch (IOException e) {
        // Already closed by the process exiting.
      }
    }
  }
}
