package dev.c8s.controller.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.ByteSourceJsonBootstrapper;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.IOException;
import java.io.InputStream;

/**
 * A JSON factory whose shared table of field names starts afresh once it holds {@link #MAX_NAMES}.
 *
 * <p>Every parser copies the shared table before it adds a name of its own, and Jackson adds each
 * parser's new names to the shared table when it closes, up to 6,000 before it starts over. Every
 * Job and pod the watches deliver carries a name no other object has ({@code k:{"uid":"…"}} in
 * managedFields, read past but still named), so the table filled with them and each decode copied
 * about 380 KB of it. Bounded to the names objects share, a copy is a fraction of that
 * (docs/performance.md, seventh session). Only the byte sources, which the client's HTTP answers
 * and watch events are, take this table; text sources keep Jackson's.
 */
public final class BoundedFieldNames extends JsonFactory {
  private static final long serialVersionUID = 1L;

  /**
   * Names a step pod, Job and run share are a few hundred; the UID keys go with each fresh start.
   */
  static final int MAX_NAMES = 1_000;

  private transient volatile ByteQuadsCanonicalizer names = ByteQuadsCanonicalizer.createRoot();

  /** A factory with Jackson's defaults. */
  public BoundedFieldNames() {
    super();
  }

  /** A copy with the features and read constraints of {@code source}, and a table of its own. */
  private BoundedFieldNames(BoundedFieldNames source) {
    super(source, null);
  }

  /** The shared table, a fresh one once the current one has grown past the bound. */
  ByteQuadsCanonicalizer names() {
    ByteQuadsCanonicalizer current = names;
    if (current == null || current.size() > MAX_NAMES) {
      // Parsers still open on the old table finish on it; their names go with it.
      current = ByteQuadsCanonicalizer.createRoot();
      names = current;
    }
    return current;
  }

  @Override
  protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
    try {
      return new ByteSourceJsonBootstrapper(context, in)
          .constructParser(
              _parserFeatures, _objectCodec, names(), _rootCharSymbols, _factoryFeatures);
    } catch (IOException | RuntimeException e) {
      if (context.isResourceManaged()) {
        try {
          in.close();
        } catch (IOException closing) {
          e.addSuppressed(closing);
        }
      }
      context.close();
      throw e;
    }
  }

  @Override
  protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context)
      throws IOException {
    _streamReadConstraints.validateDocumentLength(length);
    return new ByteSourceJsonBootstrapper(context, data, offset, length)
        .constructParser(
            _parserFeatures, _objectCodec, names(), _rootCharSymbols, _factoryFeatures);
  }

  @Override
  public JsonFactory copy() {
    _checkInvalidCopy(BoundedFieldNames.class);
    return new BoundedFieldNames(this);
  }
}
