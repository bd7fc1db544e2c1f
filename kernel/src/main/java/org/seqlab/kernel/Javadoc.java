package org.seqlab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A documentation comment as JShell returns it (the text between {@code /**} and its end, leading asterisks
 * removed, inherited parts resolved), turned into plain text for a notebook's tooltip.
 *
 * <p>{@link #firstSentence} follows the javadoc tool's summary rule: the main description up to the first period
 * followed by white space, or up to the first block tag or paragraph-level HTML element, or the text of a
 * {@code {@summary ...}} tag when there is one. Inline tags become their text ({@code {@code x}} is {@code x},
 * {@code {@link Foo#bar(int) label}} is {@code label}, without a label {@code Foo.bar(int)}), HTML tags are
 * dropped and entities decoded.
 */
final class Javadoc {
    /** HTML elements that end a first sentence, as in javadoc's own summary rule. */
    private static final Pattern BLOCK_HTML = Pattern.compile(
            "(?i)<(p|pre|ul|ol|dl|table|h[1-6]|blockquote|hr|div|section)\\b[^>]*>");
    private static final Pattern BLOCK_TAG_LINE = Pattern.compile("(?m)^\\s*@(?=\\w)");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Map<String, String> ENTITIES = Map.of(
            "lt", "<", "gt", ">", "amp", "&", "quot", "\"", "apos", "'", "nbsp", " ", "mdash", "—", "ndash", "–");

    private final String main;
    private final List<String[]> blockTags;

    private Javadoc(String main, List<String[]> blockTags) {
        this.main = main;
        this.blockTags = blockTags;
    }

    /** Splits a raw comment into its main description and block tags ({@code @param}, {@code @return}, ...). */
    static Javadoc parse(String raw) {
        String text = raw == null ? "" : raw;
        Matcher tag = BLOCK_TAG_LINE.matcher(text);
        int end = tag.find() ? tag.start() : text.length();
        List<String[]> tags = new ArrayList<>();
        if (end < text.length()) {
            String rest = text.substring(end);
            for (String part : BLOCK_TAG_LINE.split(rest)) {
                String p = part.strip();
                if (p.isEmpty()) continue;
                int space = p.indexOf(' ');
                int newline = p.indexOf('\n');
                int cut = space < 0 ? newline : newline < 0 ? space : Math.min(space, newline);
                tags.add(cut < 0 ? new String[] {p, ""} : new String[] {p.substring(0, cut), p.substring(cut + 1).strip()});
            }
        }
        return new Javadoc(text.substring(0, end), tags);
    }

    /** The summary sentence of a raw comment in plain text, or "" when it has none. */
    static String firstSentence(String raw) {
        return parse(raw).firstSentence();
    }

    /** The summary sentence in plain text, or "" when the comment has no main description. */
    String firstSentence() {
        String summary = summaryTag(main);
        if (summary != null) {
            return inline(summary);
        }
        return inline(main.substring(0, sentenceEnd(main)));
    }

    /**
     * The whole comment in plain text: the main description in paragraphs, then the parameters, the return
     * value and the exceptions, as javadoc's pages list them.
     */
    String fullText() {
        StringBuilder out = new StringBuilder(paragraphs(main));
        Map<String, List<String>> sections = new LinkedHashMap<>();
        for (String[] t : blockTags) {
            String name = t[0];
            String body = t[1];
            switch (name) {
                case "param" -> sections.computeIfAbsent("Parameters:", k -> new ArrayList<>()).add(named(body));
                case "return" -> sections.computeIfAbsent("Returns:", k -> new ArrayList<>()).add(inline(body));
                case "throws", "exception" -> sections.computeIfAbsent("Throws:", k -> new ArrayList<>()).add(named(body));
                case "see" -> sections.computeIfAbsent("See also:", k -> new ArrayList<>()).add(inline(reference(body)));
                case "since" -> sections.computeIfAbsent("Since:", k -> new ArrayList<>()).add(inline(body));
                case "deprecated" -> sections.computeIfAbsent("Deprecated:", k -> new ArrayList<>()).add(inline(body));
                default -> { } // @author, @version, @serial and the like are for the source reader
            }
        }
        for (Map.Entry<String, List<String>> s : sections.entrySet()) {
            if (out.length() > 0) out.append("\n\n");
            out.append(s.getKey());
            for (String line : s.getValue()) out.append("\n  ").append(line);
        }
        return out.toString();
    }

    /** "name description" as "name – description". */
    private static String named(String body) {
        String[] parts = body.split("\\s+", 2);
        String name = inline(parts[0]);
        return parts.length < 2 || parts[1].isBlank() ? name : name + " – " + inline(parts[1]);
    }

    /** Where the first sentence of a main description ends (exclusive). */
    private static int sentenceEnd(String text) {
        Matcher html = BLOCK_HTML.matcher(text);
        int limit = text.length();
        while (html.find()) {
            if (html.start() > 0 && !text.substring(0, html.start()).isBlank()) {
                limit = html.start();
                break;
            }
        }
        int depth = 0;
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '@') {
                depth++;
            } else if (c == '{' && depth > 0) {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == '.' && depth == 0 && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
                return i + 1;
            }
        }
        return limit;
    }

    /** The text of a {@code {@summary ...}} tag, or null. */
    private static String summaryTag(String text) {
        int at = text.indexOf("{@summary");
        if (at < 0) return null;
        int end = closingBrace(text, at);
        return text.substring(at + "{@summary".length(), end).strip();
    }

    /** Paragraph-aware rendering of a main description. */
    private static String paragraphs(String text) {
        String marked = text
                .replaceAll("(?i)<p\\b[^>]*>|</p>", "\u0000")
                .replaceAll("(?i)<li\\b[^>]*>", "\u0000- ")
                .replaceAll("(?i)<br\\s*/?>", "\u0001");
        List<String> blocks = new ArrayList<>();
        for (String block : marked.split("\u0000")) {
            String rendered = inline(block).replace("\u0001", "\n");
            if (!rendered.isBlank()) blocks.add(rendered.strip());
        }
        return String.join("\n\n", blocks).replaceAll("\n\n- ", "\n- ");
    }

    /** Inline tags rendered, HTML tags dropped, entities decoded, white space collapsed. */
    static String inline(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int at = text.indexOf("{@", i);
            if (at < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, at);
            int end = closingBrace(text, at);
            String body = text.substring(at + 2, end);
            String[] parts = body.split("\\s+", 2);
            String name = parts[0];
            String arg = parts.length > 1 ? parts[1].strip() : "";
            switch (name) {
                case "code", "literal" -> out.append(escapeMarkup(arg));
                case "link", "linkplain" -> out.append(escapeMarkup(reference(arg)));
                case "value" -> out.append(escapeMarkup(arg.isEmpty() ? "" : reference(arg)));
                case "index" -> out.append(arg.startsWith("\"") ? arg.replaceAll("^\"([^\"]*)\".*$", "$1") : arg.split("\\s+")[0]);
                case "summary" -> out.append(arg);
                case "inheritDoc", "docRoot" -> { }
                default -> out.append(arg);
            }
            i = Math.min(text.length(), end + 1);
        }
        String plain = TAG.matcher(out.toString()).replaceAll("");
        plain = decodeEntities(plain);
        return SPACES.matcher(plain).replaceAll(" ").strip().replace('\u0002', '<').replace('\u0003', '>').replace('\u0004', '&');
    }

    /** {@code Foo#bar(int) label} as its label, or as {@code Foo.bar(int)} without one. */
    private static String reference(String arg) {
        String[] parts = arg.strip().split("\\s+", 2);
        String target = parts[0];
        if (target.contains("(") && !target.contains(")")) {
            // A signature with spaces: "Foo#bar(int, int) label"
            int close = arg.indexOf(')');
            target = arg.substring(0, close + 1).strip();
            String label = arg.substring(close + 1).strip();
            parts = label.isEmpty() ? new String[] {target} : new String[] {target, label};
        }
        if (parts.length > 1 && !parts[1].isBlank()) {
            return parts[1].strip();
        }
        if (target.startsWith("#")) return target.substring(1);
        return target.replace('#', '.');
    }

    /** Code text keeps its angle brackets and ampersands through the HTML stripping that follows. */
    private static String escapeMarkup(String code) {
        return decodeEntities(code).replace('<', '\u0002').replace('>', '\u0003').replace('&', '\u0004');
    }

    private static String decodeEntities(String text) {
        if (text.indexOf('&') < 0) return text;
        Matcher m = Pattern.compile("&(#x?[0-9a-fA-F]+|[a-zA-Z]+);").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r;
            if (e.startsWith("#x") || e.startsWith("#X")) {
                r = new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
            } else if (e.startsWith("#")) {
                r = new String(Character.toChars(Integer.parseInt(e.substring(1))));
            } else {
                r = ENTITIES.getOrDefault(e, m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The index of the brace closing the inline tag that opens at {@code at}, or the text's end. */
    private static int closingBrace(String text, int at) {
        int depth = 0;
        for (int i = at; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        return text.length();
    }
}
