package io.cameraservice.media;

import io.vertx.core.buffer.Buffer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Re-encodes a JPEG at another quality (the JDK's own codec). CPU work: call on a pool thread. */
final class JpegQuality {

  private JpegQuality() {}

  static Buffer reencode(Buffer jpeg, int quality) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg.getBytes()));
    if (image == null) {
      throw new IOException("not a readable JPEG");
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length());
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality / 100f);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return Buffer.buffer(out.toByteArray());
  }

  /** Width and height from the JPEG's start-of-frame marker, or null when none is found. */
  static int[] dimensions(Buffer jpeg) {
    int i = 2;
    while (i + 9 < jpeg.length()) {
      if ((jpeg.getByte(i) & 0xff) != 0xff) {
        return null;
      }
      int marker = jpeg.getByte(i + 1) & 0xff;
      int length = jpeg.getUnsignedShort(i + 2);
      boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
      if (startOfFrame) {
        return new int[] {jpeg.getUnsignedShort(i + 7), jpeg.getUnsignedShort(i + 5)};
      }
      i += 2 + length;
    }
    return null;
  }
}
