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
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.BaseStream;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.display.Displayable;
import org.seqlab.display.Mime;

/**
 * Readable views of the plain Java values a cell shows, where IJava falls back to {@code toString()}: an array
 * as {@code int[8] [3, 1, 5, 1, 2, 3, 4, 5]} instead of {@code [I@7e4310c1}, a list of charts or images as the
 * images side by side, an {@code Optional} of a chart as the chart, an image's text as {@code <image 640x480>}
 * instead of {@code BufferedImage@…} with its colour model, a record with an array as its elements, and a
 * URL as a link (IJava writes {@code <a src="https%3A%2F%2F…"} without a closing bracket, which shows nothing),
 * a map entry as {@code k=int[2] [1, 2]}, a stream as what it is and how to see its elements (a stream runs
 * once, so showing it must not run it), and a lambda as the interface it implements.
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
                    } else if (isLambda(value)) {
                        context.getOutputContainer().putText(text(value));
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
        renderer.createRegistration(Map.Entry.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .register((value, context) -> {
                    if (isJava(value)) {
                        context.getOutputContainer().putText(text(value));
                    }
                });
        renderer.createRegistration(BaseStream.class)
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
        renderer.createRegistration(URLConnection.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((value, context) -> {
                    link(value.getURL().toExternalForm(), context);
                    context.getOutputContainer().putText(String.valueOf(value));
                });
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
        if (value instanceof Map.Entry<?, ?> entry && isJava(entry)) {
            return text(entry.getKey()) + "=" + text(entry.getValue());
        }
        if (value instanceof BaseStream<?, ?> stream && isJava(stream)) {
            return stream(stream);
        }
        if (value instanceof Record r) {
            return record(r);
        }
        if (isLambda(value)) {
            return "<lambda implementing " + lambdaInterface(value.getClass()) + ">";
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

    /** A stream unrun: {@code <IntStream, not run yet: .boxed().toList() collects its elements>}. */
    private static String stream(BaseStream<?, ?> stream) {
        String kind = stream instanceof IntStream ? "IntStream" : stream instanceof LongStream ? "LongStream"
                : stream instanceof DoubleStream ? "DoubleStream" : "Stream";
        String collect = kind.equals("Stream") ? ".toList()" : ".boxed().toList()";
        return "<" + kind + ", not run yet: " + collect + " collects its elements>";
    }

    /** Whether a value is a lambda or method reference (a hidden class the JDK spins for it). */
    private static boolean isLambda(Object value) {
        Class<?> c = value.getClass();
        return c.isSynthetic() && c.getName().contains("$$Lambda") && c.getInterfaces().length > 0;
    }

    /** The functional interface a lambda's class implements, by its simple name ({@code Function}). */
    private static String lambdaInterface(Class<?> lambda) {
        for (Class<?> i : lambda.getInterfaces()) {
            if (i != java.io.Serializable.class) {
                return shortName(i);
            }
        }
        return shortName(lambda.getInterfaces()[0]);
    }

    /**
     * A class as a notebook names it: without its package ({@code INDArray}, {@code LstmCell.State}), and a
     * cell's class by its own name ({@code Step}, not {@code REPL.$JShell$12$Step}).
     */
    private static String shortName(Class<?> c) {
        String snippet = CellSources.snippetClassName(c.getName());
        if (!snippet.equals(c.getName()) || c.isPrimitive()) {
            return snippet;
        }
        String canonical = c.getCanonicalName();
        String pkg = c.getPackageName();
        if (canonical == null) {
            return c.getName();
        }
        return pkg.isEmpty() ? canonical : canonical.substring(pkg.length() + 1);
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
        return shortName(component) + dims;
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
