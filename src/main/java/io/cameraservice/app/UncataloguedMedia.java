package io.cameraservice.app;

import io.cameraservice.media.MediaCatalog;
import io.cameraservice.media.MediaFile;
import io.cameraservice.media.MediaKind;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stand-in for the media catalog until the files feature is wired in: it only logs. The files on disk are the truth
 * the catalog reconciles from, so nothing is lost by not recording them here.
 */
final class UncataloguedMedia implements MediaCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(UncataloguedMedia.class);

  @Override
  public Future<Void> writing(Path file, MediaKind kind, String camera, Instant startedAt, String format) {
    LOG.debug("{} {} writing {}", camera, kind, file.getFileName());
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> complete(MediaFile file) {
    LOG.debug("{} {} complete {} ({} bytes)", file.camera(), file.kind(), file.path().getFileName(),
        file.sizeBytes());
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> discarded(Path file) {
    LOG.debug("discarded {}", file.getFileName());
    return Future.succeededFuture();
  }
}
