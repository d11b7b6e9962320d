package io.payonce.captcha;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Draws a challenge's question as an SVG of jittered strokes, one glyph at a time, with crossing
 * noise lines. The digits are lines, not text, so the question is not in the page's source; an
 * OCR can still read it. That is the point of a self-hosted captcha here: it makes a bot's order
 * cost a render and a guess, it is not a wall.
 */
final class CaptchaImage {

    static final int HEIGHT = 60;
    private static final int GLYPH_STEP = 30;

    /** Strokes on a 20 x 32 box: seven segments, plus what '+', '=' and '?' need. */
    private static final int[][] A = {{0, 0, 20, 0}}, B = {{20, 0, 20, 16}}, C = {{20, 16, 20, 32}}, D = {{0, 32, 20, 32}},
            E = {{0, 16, 0, 32}}, F = {{0, 0, 0, 16}}, G = {{0, 16, 20, 16}};

    private CaptchaImage() {
    }

    static String svg(String text, RandomGenerator random) {
        int width = 20 + GLYPH_STEP * text.length();
        StringBuilder svg = new StringBuilder(4096).append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(width).append(' ').append(HEIGHT)
                .append("\"><rect width=\"100%\" height=\"100%\" fill=\"#f4f1ea\"/>");
        for (int i = 0; i < text.length(); i++) {
            int x = 12 + i * GLYPH_STEP + random.nextInt(-3, 4);
            int y = 14 + random.nextInt(-4, 5);
            int angle = random.nextInt(-14, 15);
            svg.append(String.format(Locale.ROOT, "<g transform=\"translate(%d %d) rotate(%d 10 16)\" stroke=\"%s\" stroke-width=\"%.1f\""
                            + " stroke-linecap=\"round\" fill=\"none\">", x, y, angle, ink(random), 2.4 + random.nextDouble()));
            for (int[] stroke : strokes(text.charAt(i))) {
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
                        stroke[0] + random.nextInt(-2, 3), stroke[1] + random.nextInt(-2, 3),
                        stroke[2] + random.nextInt(-2, 3), stroke[3] + random.nextInt(-2, 3)));
            }
            svg.append("</g>");
        }
        for (int i = 0; i < 7; i++) {
            svg.append(String.format(Locale.ROOT, "<path d=\"M%d %d Q%d %d %d %d\" stroke=\"%s\" stroke-width=\"1.2\" fill=\"none\"/>",
                    random.nextInt(width), random.nextInt(HEIGHT), random.nextInt(width), random.nextInt(HEIGHT),
                    random.nextInt(width), random.nextInt(HEIGHT), ink(random)));
        }
        return svg.append("</svg>").toString();
    }

    private static String ink(RandomGenerator random) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", random.nextInt(20, 110), random.nextInt(20, 110), random.nextInt(20, 110));
    }

    private static int[][] strokes(char glyph) {
        return switch (glyph) {
            case '0' -> join(A, B, C, D, E, F);
            case '1' -> join(B, C);
            case '2' -> join(A, B, G, E, D);
            case '3' -> join(A, B, G, C, D);
            case '4' -> join(F, G, B, C);
            case '5' -> join(A, F, G, C, D);
            case '6' -> join(A, F, G, E, D, C);
            case '7' -> join(A, B, C);
            case '8' -> join(A, B, C, D, E, F, G);
            case '9' -> join(A, B, C, D, F, G);
            case '+' -> new int[][]{{10, 8, 10, 24}, {2, 16, 18, 16}};
            case '=' -> new int[][]{{2, 11, 18, 11}, {2, 21, 18, 21}};
            case '?' -> new int[][]{{0, 0, 20, 0}, {20, 0, 20, 14}, {20, 14, 10, 16}, {10, 16, 10, 24}, {10, 30, 10, 32}};
            case ' ' -> new int[0][];
            default -> throw new IllegalArgumentException("No glyph for '" + glyph + "'");
        };
    }

    private static int[][] join(int[][]... segments) {
        return java.util.Arrays.stream(segments).flatMap(java.util.Arrays::stream).toArray(int[][]::new);
    }
}
