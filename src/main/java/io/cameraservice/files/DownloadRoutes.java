package io.cameraservice.files;

import io.cameraservice.auth.DownloadSigner;
import io.cameraservice.auth.HttpAuthenticator;
import io.cameraservice.auth.Session;
import io.cameraservice.governance.HttpAdmission;
import io.cameraservice.domain.Failure;
import io.cameraservice.domain.RateClass;
import io.cameraservice.governance.WorkPool;
import io.cameraservice.rpc.ErrorCode;
import io.cameraservice.rpc.RpcError;
import io.cameraservice.rpc.RpcException;
import io.cameraservice.server.RouteContributor;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|HEAD /files/recordings/{name}} and {@code /files/snapshots/{name}}. The name is decoded and checked as
 * a single path element, then resolved through the catalog (never used as a path); anything else is 404. Credentials:
 * a Bearer JWT, an {@code X-API-Key}, or the signature of a {@code download_url}; then the client's file-class rate
 * limit and load shedding apply as to the file methods (429/503 with Retry-After). Files are sent zero-copy
 * ({@code sendFile}) with single byte ranges, ETag / Last-Modified validation and an attachment disposition.
 */
public final class DownloadRoutes implements RouteContributor {

  private static final Logger LOG = LoggerFactory.getLogger(DownloadRoutes.class);

  private final MediaCatalog catalog;
  private final DownloadLinks links;
  private final HttpAuthenticator auth;
  private final WorkPool files;
  private final HttpAdmission admission;

  public DownloadRoutes(MediaCatalog catalog, DownloadLinks links, HttpAuthenticator auth, WorkPool files,
      HttpAdmission admission) {
    this.catalog = catalog;
    this.links = links;
    this.auth = auth;
    this.files = files;
    this.admission = admission;
  }

  @Override
  public void mount(Router router) {
    for (MediaKind kind : MediaKind.values()) {
      String prefix = DownloadLinks.PREFIX + kind.folder() + "/";
      router.route(prefix + "*").method(HttpMethod.GET).method(HttpMethod.HEAD)
          .handler(ctx -> serve(kind, prefix, ctx));
    }
  }

  private void serve(MediaKind kind, String prefix, RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String raw = request.path();
    String name = raw.startsWith(prefix) ? decode(raw.substring(prefix.length())) : null;
    if (name == null || !FileNames.isPlain(name)) {
      status(ctx, 404);
      return;
    }
    authorize(kind, name, request).onComplete(allowed -> {
      if (allowed.failed() && HttpAuthenticator.isLockout(allowed.cause())) {
        HttpAdmission.refuse(ctx.response(), RpcError.of((Failure) allowed.cause()));
        return;
      }
      if (allowed.failed()) {
        status(ctx, HttpAuthenticator.hasCredentials(request) || hasSignature(request) ? 403 : 401);
        return;
      }
      RpcError refusal = admission.check(HttpAdmission.client(allowed.result(), request.remoteAddress()),
          RateClass.FILE, "download");
      if (refusal != null) {
        HttpAdmission.refuse(ctx.response(), refusal);
        return;
      }
      catalog.find(kind, name)
          .compose(file -> files.submit(() -> new Located(file, catalog.pathOf(file),
              DiskEntry.stat(catalog.pathOf(file)))))
          .onSuccess(found -> send(ctx, found))
          .onFailure(e -> status(ctx, failureStatus(e)));
    });
  }

  private record Located(MediaFile file, Path path, DiskEntry disk) {}

  /** The session of a request with credentials, null for a valid signature; fails otherwise. */
  private Future<Session> authorize(MediaKind kind, String name, HttpServerRequest request) {
    if (HttpAuthenticator.hasCredentials(request)) {
      return auth.authenticate(request);
    }
    if (!hasSignature(request)) {
      return Future.failedFuture("no credentials");
    }
    DownloadSigner.Verdict verdict = links.verify(kind, name, request.getParam(DownloadSigner.EXPIRES),
        request.getParam(DownloadSigner.SIGNATURE));
    return verdict == DownloadSigner.Verdict.VALID ? Future.succeededFuture(null)
        : Future.failedFuture("signature " + verdict.name().toLowerCase(java.util.Locale.ROOT));
  }

  private static boolean hasSignature(HttpServerRequest request) {
    return request.getParam(DownloadSigner.SIGNATURE) != null || request.getParam(DownloadSigner.EXPIRES) != null;
  }

  private void send(RoutingContext ctx, Located found) {
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    if (found.disk() == null) {
      status(ctx, 404);
      return;
    }
    long size = found.disk().size();
    Instant modified = Instant.ofEpochMilli(found.disk().modifiedMs()).truncatedTo(ChronoUnit.SECONDS);
    String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(found.disk().modifiedMs()) + "\"";
    MediaFile file = found.file();
    response.putHeader(HttpHeaders.ETAG, etag)
        .putHeader(HttpHeaders.LAST_MODIFIED, DateTimeFormatter.RFC_1123_DATE_TIME.format(
            modified.atOffset(ZoneOffset.UTC)))
        .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes")
        .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
    if (notModified(request, etag, modified)) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, file.kind().contentType(file.filename()))
        .putHeader(HttpHeaders.CONTENT_DISPOSITION, disposition(file.filename()));
    String ifRange = request.getHeader("If-Range");
    ByteRange range = ifRange != null && !ifRange.equals(etag) ? ByteRange.WHOLE
        : ByteRange.parse(request.getHeader("Range"), size);
    if (range == ByteRange.UNSATISFIABLE) {
      response.setStatusCode(416).putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size).end();
      return;
    }
    long offset = 0;
    long length = size;
    if (range != ByteRange.WHOLE) {
      offset = range.start();
      length = range.length();
      response.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE,
          "bytes " + range.start() + "-" + range.end() + "/" + size);
    }
    if (request.method() == HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length)).end();
      return;
    }
    response.sendFile(found.path().toString(), offset, length).onFailure(e -> {
      if (!response.headWritten()) {
        status(ctx, 404);
      } else {
        LOG.debug("download of {} broke off: {}", file.filename(), e.toString());
        request.connection().close();
      }
    });
  }

  private static boolean notModified(HttpServerRequest request, String etag, Instant modified) {
    String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null) {
      for (String candidate : ifNoneMatch.split(",")) {
        String tag = candidate.trim();
        if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
          return true;
        }
      }
      return false;
    }
    String ifModifiedSince = request.getHeader(HttpHeaders.IF_MODIFIED_SINCE);
    if (ifModifiedSince != null) {
      try {
        Instant since = DateTimeFormatter.RFC_1123_DATE_TIME.parse(ifModifiedSince, Instant::from);
        return !modified.isAfter(since);
      } catch (DateTimeParseException e) {
        return false;
      }
    }
    return false;
  }

  /** {@code attachment} with an ASCII fallback name and the exact name in RFC 5987 form. */
  static String disposition(String filename) {
    StringBuilder ascii = new StringBuilder();
    for (char c : filename.toCharArray()) {
      ascii.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '_' : c);
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + DownloadLinks.encode(filename);
  }

  /** Strict percent-decoding of one path segment as UTF-8; null when malformed. */
  static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        if (i + 2 >= segment.length()) {
          return null;
        }
        int hi = Character.digit(segment.charAt(i + 1), 16);
        int lo = Character.digit(segment.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static int failureStatus(Throwable e) {
    if (e instanceof Failure f) { // a busy pool, until this route maps domain failures itself
      return failureStatus(RpcError.of(f).exception());
    }
    if (e instanceof RpcException) {
      ErrorCode code = ((RpcException) e).error().code();
      if (code == ErrorCode.RATE_LIMITED) {
        return 503;
      }
      return code == ErrorCode.INTERNAL_ERROR ? 500 : 404;
    }
    LOG.warn("download failed: {}", e.toString());
    return 500;
  }

  private static void status(RoutingContext ctx, int status) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    if (status == 503) {
      response.putHeader(HttpHeaders.RETRY_AFTER, "1");
    }
    response.headers().remove(HttpHeaders.ETAG).remove(HttpHeaders.LAST_MODIFIED);
    response.setStatusCode(status).end();
  }
}
