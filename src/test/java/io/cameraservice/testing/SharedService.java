package io.cameraservice.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real service for all tests of a class, in a temporary data directory removed afterwards:
 * {@code @RegisterExtension static final SharedService SERVICE = new SharedService();}.
 */
public final class SharedService implements BeforeAllCallback, AfterAllCallback {

  private Path dir;
  private TestService service;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("camera-test-");
    service = TestService.start(dir);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    service.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  public TestService get() {
    return service;
  }
}
