package org.seqlab.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.Image;
import java.awt.image.RenderedImage;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.display.Displayable;
import org.seqlab.display.Mime;

/**
 * Readable views of the plain Java values a cell shows, where IJava falls back to {@code toString()}: an array
 * as {@code int[8] [3, 1, 5, 1, 2, 3, 4, 5]} instead of {@code [I@7e4310c1}, a list of charts or images as the
 * images side by side, an {@code Optional} of a chart as the chart, an image's text as {@code <image 640x480>}
 * instead of {@code BufferedImage@…} with its colour model, a record with an array as its elements, and a
 * URL as a link (IJava writes {@code <a src="https%3A%2F%2F…"} without a closing bracket, which shows nothing).
 *
 * <p>Collections and maps of {@code java.*} keep their own format ({@code [a, b]}, {@code {k=v}}) with long
 * ones cut after {@link #ITEMS} entries as IPython cuts at 1000, and arrays, images and charts inside them
 * shown as above. Classes of other libraries keep their own {@code toString()}.
 */
final class Values {
    /** Elements of an array shown before "…". */
    static final int ARRAY_ITEMS = 20;
    /** Entries of a collection or map shown before "…". */
    static final int ITEMS = 1000;
    /** The most images a collection shows side by side; more show as text. */
    static final int GALLERY_MAX = 16;

    private Values() {}

    /** Registers the views with IJava's renderer, after IJava's own (whose image PNG they keep). */
    static void register(Renderer renderer) {
        renderer.createRegistration(Object.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .supporting(MIMEType.TEXT_HTML)
                .register((value, context) -> {
                    if (value.getClass().isArray() || value instanceof Record) {
                        view(value, context);
                    }
                });
        renderer.createRegistration(Collection.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .supporting(MIMEType.TEXT_HTML)
                .register((value, context) -> {
                    if (isJava(value)) {
                        view(value, context);
                    }
                });
        renderer.createRegistration(Map.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .register((value, context) -> {
                    if (isJava(value)) {
                        context.getOutputContainer().putText(text(value));
                    }
                });
        renderer.createRegistration(Optional.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .register((value, context) -> {
                    if (value.isPresent()) {
                        context.getOutputContainer().assign(context.getRenderer().render(value.get()));
                    }
                    context.getOutputContainer().putText(text(value));
                });
        renderer.createRegistration(RenderedImage.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .register((value, context) -> context.getOutputContainer().putText(text(value)));
        renderer.createRegistration(URL.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((value, context) -> link(value.toExternalForm(), context));
        renderer.createRegistration(URI.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .supporting(MIMEType.TEXT_HTML)
                .register((value, context) -> {
                    if (value.isAbsolute() && value.getScheme().matches("https?|file")) {
                        link(value.toString(), context);
                    }
                });
    }

    /** An array, a record or a collection: images side by side when every element is one, and text. */
    private static void view(Object value, RenderContext context) {
        List<Object> elements = elements(value);
        if (elements != null && !elements.isEmpty() && elements.size() <= GALLERY_MAX
                && elements.stream().allMatch(Values::isVisual)) {
            StringBuilder html = new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start\">");
            for (Object e : elements) {
                DisplayData data = context.getRenderer().render(e);
                Object png = data.getData(MIMEType.IMAGE_PNG);
                if (png == null) {
                    html = null;
                    break;
                }
                html.append("<img src=\"data:image/png;base64,").append(png).append("\" alt=\"")
                        .append(Mime.escapeHtml(String.valueOf(data.getData(MIMEType.TEXT_PLAIN)))).append("\"/>");
            }
            if (html != null) {
                context.getOutputContainer().putHTML(html.append("</div>").toString());
            }
        }
        context.getOutputContainer().putText(text(value));
    }

    private static List<Object> elements(Object value) {
        if (value instanceof Collection<?> c) {
            return c.size() <= GALLERY_MAX ? new ArrayList<>(c) : null;
        }
        if (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
            return Array.getLength(value) <= GALLERY_MAX ? java.util.Arrays.asList((Object[]) value) : null;
        }
        return null;
    }

    private static boolean isVisual(Object e) {
        return e instanceof RenderedImage || e instanceof Chart<?, ?> || e instanceof Displayable;
    }

    private static void link(String url, RenderContext context) {
        String escaped = Mime.escapeHtml(url);
        context.getOutputContainer().putHTML("<a href=\"" + escaped + "\" target=\"_blank\" rel=\"noopener\">" + escaped + "</a>");
        context.getOutputContainer().putText(url);
    }

    /** Whether a value's class is the JDK's own, whose {@code toString} is only the generic format. */
    private static boolean isJava(Object value) {
        return value.getClass().getName().startsWith("java.");
    }

    /** The one-line text of a value as this class shows it; anything else as {@code String.valueOf}. */
    static String text(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            return array(value);
        }
        if (value instanceof RenderedImage image) {
            Object title = image instanceof Image awt ? awt.getProperty("title", null) : null;
            return "<image " + (title instanceof String t && !t.isBlank() ? "\"" + t + "\" " : "")
                    + image.getWidth() + "x" + image.getHeight() + ">";
        }
        if (value instanceof Chart<?, ?> chart) {
            return Renderers.chartText(chart);
        }
        if (value instanceof INDArray array) {
            return Renderers.arrayHeader(array);
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(v -> "Optional[" + text(v) + "]").orElse("Optional.empty");
        }
        if (value instanceof Collection<?> c && isJava(c)) {
            return items(c.iterator(), c.size(), "[", "]", Values::text);
        }
        if (value instanceof Map<?, ?> m && isJava(m)) {
            return items(m.entrySet().iterator(), m.size(), "{", "}", e -> {
                Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
                return text(entry.getKey()) + "=" + text(entry.getValue());
            });
        }
        if (value instanceof Record r) {
            return record(r);
        }
        return String.valueOf(value);
    }

    private static String items(Iterator<?> it, int size, String open, String close,
                                java.util.function.Function<Object, String> each) {
        StringJoiner s = new StringJoiner(", ", open, close);
        int shown = 0;
        while (it.hasNext() && shown < ITEMS) {
            s.add(each.apply(it.next()));
            shown++;
        }
        if (size > shown) {
            s.add("… " + (size - shown) + " more");
        }
        return s.toString();
    }

    /** {@code int[8] [3, 1, 5, …]}: the type with every dimension known, then the first elements. */
    private static String array(Object array) {
        return type(array) + " " + elements(array, 0);
    }

    private static String type(Object array) {
        Class<?> component = array.getClass();
        StringBuilder dims = new StringBuilder();
        Object level = array;
        while (component.isArray()) {
            int length = level == null ? -1 : Array.getLength(level);
            dims.append('[').append(length >= 0 ? Integer.toString(length) : "").append(']');
            level = level != null && length > 0 && rectangular(level) ? Array.get(level, 0) : null;
            component = component.getComponentType();
        }
        return CellSources.snippetClassName(component.getName()).replaceFirst("^java\\.lang\\.", "") + dims;
    }

    /** Whether every row of an array of arrays is non-null with the same length. */
    private static boolean rectangular(Object array) {
        if (!array.getClass().getComponentType().isArray()) {
            return false;
        }
        int n = Array.getLength(array);
        Object first = Array.get(array, 0);
        if (first == null) {
            return false;
        }
        int length = Array.getLength(first);
        for (int i = 1; i < n; i++) {
            Object row = Array.get(array, i);
            if (row == null || Array.getLength(row) != length) {
                return false;
            }
        }
        return true;
    }

    private static String elements(Object array, int depth) {
        int n = Array.getLength(array);
        StringJoiner s = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < Math.min(n, ARRAY_ITEMS); i++) {
            Object e = Array.get(array, i);
            if (e != null && e.getClass().isArray()) {
                s.add(elements(e, depth + 1));
            } else if (e instanceof CharSequence text) {
                s.add("\"" + text + "\"");
            } else if (e instanceof Character c) {
                s.add("'" + c + "'");
            } else {
                s.add(text(e));
            }
        }
        if (n > ARRAY_ITEMS) {
            s.add("…");
        }
        return s.toString();
    }

    /** A record as its own {@code toString} writes it, with arrays and the like shown readably. */
    private static String record(Record r) {
        String own = r.toString();
        RecordComponent[] components = r.getClass().getRecordComponents();
        StringJoiner generic = new StringJoiner(", ", r.getClass().getSimpleName() + "[", "]");
        StringJoiner readable = new StringJoiner(", ", r.getClass().getSimpleName() + "[", "]");
        try {
            for (RecordComponent c : components) {
                c.getAccessor().setAccessible(true);
                Object v = c.getAccessor().invoke(r);
                generic.add(c.getName() + "=" + v);
                readable.add(c.getName() + "=" + text(v));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return own;
        }
        // A record with its own toString keeps it; the generated one is the generic format.
        return own.equals(generic.toString()) ? readable.toString() : own;
    }
}
