package io.payonce.gateway.bills;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.payonce.gateway.book.SandboxBook.BillEntry;

/**
 * Alipay's trade bill ({@code bill_type=trade}) for one day, as Alipay hands it out: a zip holding
 * {@code <pid>_<yyyyMMdd>_业务明细.csv} (one line per payment and per refund) and
 * {@code <pid>_<yyyyMMdd>_业务明细(汇总).csv} (the day's totals), both GBK, with {@code #} comment lines
 * at head and foot. As in Alipay's files, the zip's entry names are GBK without the UTF-8 flag and
 * every value is followed by a tab (so that a spreadsheet keeps long numbers as text); a refund is a
 * line of its own with negative amounts and its {@code out_request_no} in 退款批次号/请求号.
 */
public final class AlipayTradeBill {

    /** The gateways' clock: Alipay's day, times and bill dates are Beijing time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final Charset GBK = Charset.forName("GBK");
    /** The detail file's columns, in Alipay's order. */
    public static final List<String> DETAIL_COLUMNS = List.of("支付宝交易号", "商户订单号", "业务类型", "商品名称", "创建时间",
            "完成时间", "门店编号", "门店名称", "操作员", "终端号", "对方账户", "订单金额（元）", "商家实收（元）", "支付宝红包（元）",
            "集分宝（元）", "支付宝优惠（元）", "商家优惠（元）", "券核销金额（元）", "券名称", "商家红包消费金额（元）", "卡消费金额（元）",
            "退款批次号/请求号", "服务费（元）", "分润（元）", "备注");
    /** The summary file's columns; its one data line is the day's 合计. */
    public static final List<String> SUMMARY_COLUMNS = List.of("门店编号", "门店名称", "交易订单总笔数", "退款订单总笔数",
            "订单金额（元）", "商家实收（元）", "支付宝优惠（元）", "商家优惠（元）", "卡消费金额（元）", "服务费（元）", "分润（元）", "实收净额（元）");
    public static final String PAYMENT = "交易";
    public static final String REFUND = "退款";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter COMMENT_TIME = DateTimeFormatter.ofPattern("yyyy年MM月dd日 HH:mm:ss");
    private static final DateTimeFormatter FILE_DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String ZERO = "0.00";

    private AlipayTradeBill() {
    }

    /** The zip's own name, as Alipay's download names it. */
    public static String fileName(String pid, LocalDate day) {
        return pid + "_" + day.format(FILE_DAY) + ".csv.zip";
    }

    public static String detailName(String pid, LocalDate day) {
        return pid + "_" + day.format(FILE_DAY) + "_业务明细.csv";
    }

    public static String summaryName(String pid, LocalDate day) {
        return pid + "_" + day.format(FILE_DAY) + "_业务明细(汇总).csv";
    }

    /** The day's bill for merchant {@code pid}; {@code exportedAt} is printed in the foot, Beijing time. */
    public static byte[] zip(String pid, LocalDate day, List<BillEntry> entries, LocalDateTime exportedAt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, GBK)) {
            add(zip, detailName(pid, day), detail(pid, day, entries, exportedAt));
            add(zip, summaryName(pid, day), summary(pid, day, entries, exportedAt));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String detail(String pid, LocalDate day, List<BillEntry> entries, LocalDateTime exportedAt) {
        StringBuilder csv = head("#支付宝业务明细查询", pid, day, "业务明细列表");
        csv.append(String.join(",", DETAIL_COLUMNS)).append("\r\n");
        long payments = 0;
        for (BillEntry entry : entries) {
            boolean refund = entry.refundNo() != null;
            payments += refund ? 0 : 1;
            String amount = yuan(refund ? -entry.amount() : entry.amount());
            String at = entry.at().atZone(ZONE).format(TIME);
            List<String> values = List.of(text(entry.tradeNo()), text(entry.outTradeNo()), refund ? REFUND : PAYMENT, text(entry.subject()),
                    at, at, "", "", "", "", "", amount, amount, ZERO, ZERO, ZERO, ZERO, ZERO, "", ZERO, ZERO,
                    refund ? text(entry.outRefundNo()) : "", ZERO, ZERO, "");
            csv.append(String.join(",", values.stream().map(value -> value + "\t").toList())).append("\r\n");
        }
        csv.append("#-----------------------------------------业务明细列表结束------------------------------------\r\n");
        csv.append("#交易合计：").append(payments).append("笔，退款合计：").append(entries.size() - payments).append("笔\r\n");
        return foot(csv, exportedAt);
    }

    static String summary(String pid, LocalDate day, List<BillEntry> entries, LocalDateTime exportedAt) {
        long payments = entries.stream().filter(entry -> entry.refundNo() == null).count();
        long net = entries.stream().mapToLong(entry -> entry.refundNo() == null ? entry.amount() : -entry.amount()).sum();
        StringBuilder csv = head("#支付宝业务汇总查询", pid, day, "业务汇总列表");
        csv.append(String.join(",", SUMMARY_COLUMNS)).append("\r\n");
        csv.append(String.join(",", List.of("", "合计", Long.toString(payments), Long.toString(entries.size() - payments),
                yuan(net), yuan(net), ZERO, ZERO, ZERO, ZERO, ZERO, yuan(net)))).append("\r\n");
        csv.append("#-----------------------------------------业务汇总列表结束------------------------------------\r\n");
        return foot(csv, exportedAt);
    }

    private static StringBuilder head(String title, String pid, LocalDate day, String list) {
        return new StringBuilder(title).append("\r\n")
                .append("#账号：[").append(pid).append("]\r\n")
                .append("#起始日期：[").append(day.atStartOfDay().format(COMMENT_TIME)).append("]   终止日期：[")
                .append(day.plusDays(1).atStartOfDay().format(COMMENT_TIME)).append("]\r\n")
                .append("#-----------------------------------------").append(list).append("----------------------------------------\r\n");
    }

    private static String foot(StringBuilder csv, LocalDateTime exportedAt) {
        return csv.append("#导出时间：[").append(exportedAt.format(COMMENT_TIME)).append("]\r\n").toString();
    }

    private static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /**
     * Free text as a bill can hold it: Alipay's file is neither quoted nor escaped, so a comma, a
     * tab or a line break in a subject would shift the columns of its line; and what GBK cannot
     * encode (an emoji) becomes {@code ?}, as Alipay's export shows it.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        String flat = value.replace(',', '，').replaceAll("[\\t\\r\\n\\p{Cntrl}]", " ");
        StringBuilder safe = new StringBuilder(flat.length());
        CharsetEncoder encoder = GBK.newEncoder();
        flat.codePoints().forEach(codePoint -> safe.append(encodable(encoder, codePoint) ? Character.toString(codePoint) : "?"));
        return safe.toString();
    }

    private static boolean encodable(CharsetEncoder encoder, int codePoint) {
        try {
            encoder.reset().onUnmappableCharacter(CodingErrorAction.REPORT).onMalformedInput(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(Character.toChars(codePoint)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void add(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        ByteBuffer encoded = GBK.newEncoder().onUnmappableCharacter(CodingErrorAction.REPLACE).encode(CharBuffer.wrap(content));
        zip.write(encoded.array(), encoded.arrayOffset(), encoded.remaining());
        zip.closeEntry();
    }
}
