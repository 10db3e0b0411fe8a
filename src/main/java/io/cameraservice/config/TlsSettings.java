package io.cameraservice.config;

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
    }
    // Whether the files make a pair that can be served is a ConfigCheck of server.tls (TlsCertificates).
  }
}
