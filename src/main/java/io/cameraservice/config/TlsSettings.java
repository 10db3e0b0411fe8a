package io.cameraservice.config;

import io.cameraservice.server.tls.TlsCertificates;
import java.nio.file.Path;

/** {@code server.tls}: PEM certificate and key files; with both set the port speaks only https and wss. */
public record TlsSettings(String certFile, String keyFile, int reloadCheckSeconds) implements Validated {

  public boolean enabled() {
    return certFile != null && keyFile != null;
  }

  @Override
  public void validate(String prefix, ConfigProblems problems) {
    problems.range(prefix + ".reload_check_seconds", reloadCheckSeconds, 1, 3600);
    if ((certFile == null) != (keyFile == null)) {
      problems.add(prefix + (certFile == null ? ".cert_file" : ".key_file"),
          "is required when " + prefix + (certFile == null ? ".key_file" : ".cert_file") + " is set");
      return;
    }
    if (!enabled()) {
      return;
    }
    // Checked at start so a wrong pair is a configuration error rather than a failed listen or handshake.
    try {
      TlsCertificates.load(Path.of(certFile), Path.of(keyFile));
    } catch (TlsCertificates.TlsException e) {
      problems.add(prefix + "." + e.file(), e.getMessage());
    }
  }
}
