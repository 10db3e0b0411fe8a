package io.cameraservice.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.databind.util.RawValue;
import io.cameraservice.rpc.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The result of {@code list_recordings} / {@code list_snapshots}, encoded once on the catalog's read thread and
 * handed to the protocol layer as raw JSON: a page of 50 to 1000 files is the largest result the service sends
 * often, and building it as a tree of maps on the event loop cost more than the query itself.
 */
final class ListingJson {

  private static final JsonFactory JSON = new JsonFactory();

  private ListingJson() {}

  static RawValue encode(MediaKind kind, ListQuery query, Page page, DownloadLinks links) {
    // Jackson's own unsynchronized segmented writer (a StringWriter synchronizes on every append).
    SegmentedStringWriter out = new SegmentedStringWriter(JSON._getBufferRecycler());
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("files");
      for (MediaFile file : page.files()) {
        json.writeStartObject();
        json.writeStringField("filename", file.filename());
        json.writeStringField("device", file.camera());
        json.writeNumberField("file_size", file.size());
        json.writeStringField("modified_time", Timestamps.format(file.modified()));
        if (kind == MediaKind.RECORDING && file.duration() != null) {
          json.writeNumberField("duration", file.duration());
        }
        json.writeStringField("format", file.format());
        json.writeStringField("download_url", links.urlFor(file));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeNumberField("total", page.total());
      json.writeNumberField("limit", query.limit());
      json.writeNumberField("offset", query.offset());
      json.writeEndObject();
      json.flush();
      return new RawValue(out.getAndClear());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
