package io.cameraservice.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.cameraservice.auth.Role;
import io.cameraservice.testing.RpcClient;
import io.cameraservice.testing.SharedService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code docs/methods.md} is the method declarations rendered: it fails when a declaration changed and the file
 * was not regenerated. With {@code -Dmethods.write=true} it writes the file instead (see {@link MethodsMarkdown}).
 */
class MethodsReferenceTest {

  @RegisterExtension
  static final SharedService SERVICE = new SharedService();

  private static final Path FILE = Path.of("docs", "methods.md");

  @Test
  void docsMethodsMdIsWhatTheDeclarationsSay() throws Exception {
    String rendered;
    try (RpcClient client = SERVICE.get().connect(Role.VIEWER)) {
      rendered = MethodsMarkdown.render(client.result("rpc.discover", null));
    }
    if (Boolean.getBoolean("methods.write")) {
      Files.writeString(FILE, rendered, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(FILE)).as(FILE + " exists (create it with: " + MethodsMarkdown.REGENERATE + ")").isTrue();
    assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
        .as(FILE + " is stale; regenerate it with: " + MethodsMarkdown.REGENERATE).isEqualTo(rendered);
    SERVICE.get().methods().all()
        .forEach(m -> assertThat(rendered).as(m.name()).contains("\n### " + m.name() + "\n"));
  }
}
