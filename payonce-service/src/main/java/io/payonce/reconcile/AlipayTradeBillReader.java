package io.payonce.reconcile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads Alipay's daily trade bill ({@code bill_type=trade}) as Alipay hands it out: a zip of two
 * GBK files, {@code <pid>_<yyyyMMdd>_业务明细.csv} and {@code ..._业务明细(汇总).csv}, with {@code #}
 * comment lines at head and foot and every value followed by a tab. Strict on purpose: a file that
 * is not exactly that (another encoding, a column missing or moved, a line with more or fewer
 * fields, a detail that disagrees with its own summary) is refused as a whole, because reconciling
 * against half a bill would report payments as missing that are not.
 */
public final class AlipayTradeBillReader {

    /** The format name a channel's {@code BillDownload.Ready} carries for this layout. */
    public static final String FORMAT = "alipay-trade-zip";

    static final Charset GBK = Charset.forName("GBK");
    static final List<String> DETAIL_COLUMNS = List.of("支付宝交易号", "商户订单号", "业务类型", "商品名称", "创建时间",
            "完成时间", "门店编号", "门店名称", "操作员", "终端号", "对方账户", "订单金额（元）", "商家实收（元）", "支付宝红包（元）",
            "集分宝（元）", "支付宝优惠（元）", "商家优惠（元）", "券核销金额（元）", "券名称", "商家红包消费金额（元）", "卡消费金额（元）",
            "退款批次号/请求号", "服务费（元）", "分润（元）", "备注");
    static final List<String> SUMMARY_COLUMNS = List.of("门店编号", "门店名称", "交易订单总笔数", "退款订单总笔数",
            "订单金额（元）", "商家实收（元）", "支付宝优惠（元）", "商家优惠（元）", "卡消费金额（元）", "服务费（元）", "分润（元）", "实收净额（元）");

    /** Limits of one bill, so that a hostile or broken download cannot exhaust memory (a zip bomb included). */
    public record Limits(long zipBytesMax, long fileBytesMax, int linesMax) {
        /**
         * 200,000 lines is more than a shop of payonce's size books in a day (a line is about 250
         * bytes, so 64 MiB per file holds them with room); the zip is compressed text, 16 MiB is ample.
         */
        public static final Limits DEFAULT = new Limits(16L << 20, 64L << 20, 200_000);
    }

    private static final int ID_CHARS_MAX = 64;
    private static final Pattern ENTRY = Pattern.compile("(?:.*/)?(\\d{1,32})_(\\d{8})_业务明细(\\(汇总\\))?\\.csv");
    private static final Pattern AMOUNT = Pattern.compile("-?\\d{1,12}\\.\\d{2}");
    private static final Pattern COUNT = Pattern.compile("\\d{1,9}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final int TRADE_NO = 0;
    private static final int OUT_TRADE_NO = 1;
    private static final int TYPE = 2;
    private static final int FINISHED_AT = 5;
    private static final int ORDER_AMOUNT = 11;
    private static final int RECEIVED = 12;
    private static final int OUT_REQUEST_NO = 21;

    private final Limits limits;

    public AlipayTradeBillReader(Limits limits) {
        this.limits = limits;
    }

    /** The bill of {@code day}; {@link BillUnreadable} when the file is anything but that day's intact trade bill. */
    public GatewayBill read(byte[] zip, LocalDate day) {
        if (zip.length > limits.zipBytesMax()) {
            throw new BillUnreadable("The bill is " + zip.length + " bytes, more than the " + limits.zipBytesMax() + " allowed");
        }
        Map<Boolean, String> files = unzip(zip, day);
        List<GatewayBill.Line> lines = detail(files.get(false));
        checkSummary(files.get(true), lines);
        return new GatewayBill(day, lines);
    }

    /** The two files by "is the summary"; exactly one of each, named for {@code day}. */
    private Map<Boolean, String> unzip(byte[] zip, LocalDate day) {
        Map<Boolean, String> files = new HashMap<>();
        // Alipay names the entries in GBK without the zip's UTF-8 flag; read as UTF-8 they would fail.
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), GBK)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Matcher name = ENTRY.matcher(entry.getName());
                if (entry.isDirectory() || !name.matches()) {
                    throw new BillUnreadable("The bill holds an unexpected file '" + shown(entry.getName()) + "'");
                }
                if (!name.group(2).equals(day.format(DateTimeFormatter.BASIC_ISO_DATE))) {
                    throw new BillUnreadable("The bill is for " + name.group(2) + ", not for " + day);
                }
                if (files.put(name.group(3) != null, gbk(bounded(in, entry.getName()))) != null) {
                    throw new BillUnreadable("The bill holds '" + shown(entry.getName()) + "' twice");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new BillUnreadable("The bill is not a readable zip file: " + e.getMessage());
        }
        if (files.size() != 2) {
            throw new BillUnreadable("The bill must hold the 业务明细 and 业务明细(汇总) files; it holds " + files.size() + " of them");
        }
        return files;
    }

    /** An entry's bytes, refused as soon as it passes the limit rather than after inflating it whole. */
    private byte[] bounded(InputStream entry, String name) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int read = entry.read(buffer); read >= 0; read = entry.read(buffer)) {
            bytes.write(buffer, 0, read);
            if (bytes.size() > limits.fileBytesMax()) {
                throw new BillUnreadable("'" + shown(name) + "' inflates to more than " + limits.fileBytesMax() + " bytes");
            }
        }
        return bytes.toByteArray();
    }

    private static String gbk(byte[] bytes) {
        try {
            return GBK.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BillUnreadable("The bill is not GBK text, as Alipay's bills are");
        }
    }

    private List<GatewayBill.Line> detail(String text) {
        List<String[]> rows = rows(text, DETAIL_COLUMNS, "业务明细");
        if (rows.size() > limits.linesMax()) {
            throw new BillUnreadable("The bill has " + rows.size() + " lines, more than the " + limits.linesMax() + " allowed");
        }
        List<GatewayBill.Line> lines = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            lines.add(line(rows.get(i), i + 1));
        }
        return lines;
    }

    private static GatewayBill.Line line(String[] row, int number) {
        String tradeNo = id(row[TRADE_NO], "支付宝交易号", number);
        String paymentId = id(row[OUT_TRADE_NO], "商户订单号", number);
        LocalDateTime finishedAt = time(row[FINISHED_AT], number);
        return switch (row[TYPE]) {
            case "交易" -> new GatewayBill.Line(GatewayBill.Kind.PAYMENT, tradeNo, paymentId, null,
                    positive(fen(row[ORDER_AMOUNT], number), number), finishedAt);
            case "退款" -> new GatewayBill.Line(GatewayBill.Kind.REFUND, tradeNo, paymentId,
                    id(row[OUT_REQUEST_NO], "退款批次号/请求号", number), positive(-fen(row[RECEIVED], number), number), finishedAt);
            default -> throw new BillUnreadable("Line " + number + ": 业务类型 '" + shown(row[TYPE]) + "' is neither 交易 nor 退款");
        };
    }

    /** The summary's 合计 must count and total what the detail lists: a detail cut short is caught here. */
    private static void checkSummary(String text, List<GatewayBill.Line> lines) {
        List<String[]> rows = rows(text, SUMMARY_COLUMNS, "业务明细(汇总)");
        if (rows.size() != 1 || !rows.getFirst()[1].equals("合计")) {
            throw new BillUnreadable("The summary must have exactly one 合计 line");
        }
        String[] total = rows.getFirst();
        long payments = lines.stream().filter(line -> line.kind() == GatewayBill.Kind.PAYMENT).count();
        long net = lines.stream().mapToLong(line -> line.kind() == GatewayBill.Kind.PAYMENT ? line.amount() : -line.amount()).sum();
        if (count(total[2]) != payments || count(total[3]) != lines.size() - payments || fen(total[5], 0) != net) {
            throw new BillUnreadable("The detail does not add up to its summary (" + payments + " payments and "
                    + (lines.size() - payments) + " refunds listed): the bill is incomplete");
        }
    }

    /** The data rows under the header, each with exactly the header's number of fields, values trimmed. */
    private static List<String[]> rows(String text, List<String> columns, String file) {
        List<String[]> rows = new ArrayList<>();
        boolean header = false;
        for (String raw : text.split("\r?\n", -1)) {
            if (raw.isBlank() || raw.startsWith("#")) {
                continue;
            }
            String[] fields = raw.split(",", -1);
            for (int i = 0; i < fields.length; i++) {
                fields[i] = fields[i].strip();
            }
            if (!header) {
                if (!List.of(fields).equals(columns)) {
                    throw new BillUnreadable("The " + file + " file's columns are not Alipay's trade bill columns");
                }
                header = true;
            } else if (fields.length != columns.size()) {
                throw new BillUnreadable("Line " + (rows.size() + 1) + " of " + file + " has " + fields.length + " fields, not "
                        + columns.size());
            } else {
                rows.add(fields);
            }
        }
        if (!header) {
            throw new BillUnreadable("The " + file + " file has no header line");
        }
        return rows;
    }

    private static String id(String value, String column, int line) {
        if (value.isEmpty() || value.length() > ID_CHARS_MAX || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new BillUnreadable("Line " + line + ": " + column + " '" + shown(value) + "' is not an id");
        }
        return value;
    }

    private static long fen(String value, int line) {
        if (!AMOUNT.matcher(value).matches()) {
            throw new BillUnreadable("Line " + line + ": '" + shown(value) + "' is not an amount in yuan");
        }
        return new BigDecimal(value).movePointRight(2).longValueExact();
    }

    private static long positive(long fen, int line) {
        if (fen <= 0) {
            throw new BillUnreadable("Line " + line + ": a payment's amount must be positive and a refund's negative");
        }
        return fen;
    }

    private static long count(String value) {
        if (!COUNT.matcher(value).matches()) {
            throw new BillUnreadable("The summary's count '" + shown(value) + "' is not a number");
        }
        return Long.parseLong(value);
    }

    private static LocalDateTime time(String value, int line) {
        try {
            return LocalDateTime.parse(value, TIME);
        } catch (DateTimeParseException e) {
            throw new BillUnreadable("Line " + line + ": 完成时间 '" + shown(value) + "' is not yyyy-MM-dd HH:mm:ss");
        }
    }

    /** A value from the file as an error message may show it: printable, and short. */
    private static String shown(String value) {
        String safe = value.replaceAll("\\p{Cntrl}", "?");
        return safe.length() > 40 ? safe.substring(0, 40) + "..." : safe;
    }
}
