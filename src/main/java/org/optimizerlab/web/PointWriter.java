package org.optimizerlab.web;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.OptionalDouble;
import org.optimizerlab.experiment.LayerStats;
import org.optimizerlab.experiment.StepRecord;
import org.optimizerlab.train.Evaluation;

/**
 * Writes the points of {@code frames} messages straight to UTF-8 bytes with one Jackson generator, no JSON tree and
 * no String per point: the same bytes as {@link ServerMessage#point} written by the server's {@code ObjectMapper}
 * ({@code PointWriterTest} holds them equal), the fields in {@code RecordJson}'s order, non-finite numbers as
 * {@code null}. Each point is appended to the {@link Bytes} buffer given, so a race keeps one growing buffer per run
 * and a {@code frames} message is assembled from them once. Not thread-safe: one per race, confined to its session.
 */
final class PointWriter {
    private final Sink sink = new Sink();
    private final JsonGenerator generator;
    private final boolean vectors;

    /** A writer of points with their vectors ({@code params}, {@code update}, {@code state}) or without. */
    PointWriter(JsonFactory factory, boolean vectors) {
        this.vectors = vectors;
        try {
            this.generator = factory.createGenerator(sink, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        generator.setRootValueSeparator(null);
    }

    /** Appends the point of {@code record} to {@code out}, after a comma when {@code out} holds points already. */
    void append(StepRecord record, Bytes out) {
        if (out.length() > 0) {
            out.append((byte) ',');
        }
        sink.target = out;
        try {
            write(record);
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a point to memory", e);
        } finally {
            sink.target = null;
        }
    }

    private void write(StepRecord r) throws IOException {
        JsonGenerator g = generator;
        g.writeStartObject();
        g.writeNumberField("step", r.step());
        g.writeNumberField("epoch", r.epoch());
        number("lr", r.lr());
        number("loss", r.loss());
        if (vectors) {
            array("params", r.params());
        }
        number("grad_norm", r.gradNorm());
        if (vectors) {
            array("update", r.update());
            g.writeObjectFieldStart("state");
            for (Map.Entry<String, double[]> entry : r.state().entrySet()) {
                array(entry.getKey(), entry.getValue());
            }
            g.writeEndObject();
        }
        g.writeBooleanField("diverged", r.diverged());
        if (!r.layers().isEmpty()) {
            g.writeArrayFieldStart("layers");
            for (LayerStats layer : r.layers()) {
                g.writeStartObject();
                g.writeStringField("name", layer.name());
                number("weight_norm", layer.weightNorm());
                number("grad_norm", layer.gradNorm());
                number("update_norm", layer.updateNorm());
                number("update_ratio", layer.updateRatio());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (r.evaluation().isPresent()) {
            Evaluation e = r.evaluation().get();
            g.writeObjectFieldStart("evaluation");
            number("train_loss", e.trainLoss());
            optional("train_accuracy", e.trainAccuracy());
            optional("val_loss", e.validationLoss());
            optional("val_accuracy", e.validationAccuracy());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void number(String name, double value) throws IOException {
        generator.writeFieldName(name);
        value(value);
    }

    private void optional(String name, OptionalDouble value) throws IOException {
        if (value.isPresent()) {
            number(name, value.getAsDouble());
        }
    }

    private void array(String name, double[] values) throws IOException {
        generator.writeArrayFieldStart(name);
        for (double v : values) {
            value(v);
        }
        generator.writeEndArray();
    }

    private void value(double value) throws IOException {
        if (Double.isFinite(value)) {
            generator.writeNumber(value);
        } else {
            generator.writeNull();
        }
    }

    /** A growable byte buffer, reused from message to message (it keeps its capacity when cleared). */
    static final class Bytes {
        private byte[] data = new byte[256];
        private int length;

        /** The bytes written so far. */
        int length() {
            return length;
        }

        /** The array holding them (valid up to {@link #length()}). */
        byte[] array() {
            return data;
        }

        void append(byte b) {
            ensure(1);
            data[length++] = b;
        }

        void append(byte[] bytes, int offset, int count) {
            ensure(count);
            System.arraycopy(bytes, offset, data, length, count);
            length += count;
        }

        void append(Bytes other) {
            append(other.data, 0, other.length);
        }

        /** Appends ASCII text (names and numbers of a message's frame). */
        void appendAscii(String text) {
            ensure(text.length());
            for (int i = 0; i < text.length(); i++) {
                data[length++] = (byte) text.charAt(i);
            }
        }

        /** Empties it, keeping its capacity up to 64 KiB (a burst of points does not hold memory for good). */
        void clear() {
            length = 0;
            if (data.length > 64 * 1024) {
                data = new byte[256];
            }
        }

        private void ensure(int more) {
            if (length + more > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, length + more));
            }
        }
    }

    /** Where the generator's bytes go: the buffer of the point being written. */
    private static final class Sink extends OutputStream {
        Bytes target;

        @Override
        public void write(int b) {
            target.append((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int count) {
            target.append(bytes, offset, count);
        }
    }
}
