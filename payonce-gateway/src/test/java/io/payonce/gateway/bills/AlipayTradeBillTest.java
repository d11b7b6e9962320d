package io.payonce.gateway.bills;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.payonce.gateway.book.SandboxBook.BillEntry;
import org.junit.jupiter.api.Test;

class AlipayTradeBillTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final List<BillEntry> ENTRIES = List.of(
            new BillEntry("pay_1", "2026113022001000000000000001", null, null, "Game key, deluxe", 1999, "CNY",
                    Instant.parse("2026-11-30T02:03:04Z")),
            new BillEntry("pay_1", "2026113022001000000000000001", "ref_1", "R1", "Game key", 999, "CNY",
                    Instant.parse("2026-11-30T15:59:59Z")));

    @Test
    void the_zip_holds_the_detail_and_the_summary_named_in_gbk_as_alipay_names_them() throws IOException {
        Map<String, String> files = unzip(AlipayTradeBill.zip("2088000000000001", DAY, ENTRIES, LocalDateTime.of(2026, 12, 1, 9, 0)));

        assertThat(files).containsOnlyKeys("2088000000000001_20261130_业务明细.csv", "2088000000000001_20261130_业务明细(汇总).csv");
    }

    @Test
    void each_payment_and_refund_is_a_line_in_beijing_time_with_refunds_negative_and_subjects_kept_in_their_column() throws IOException {
        String detail = unzip(AlipayTradeBill.zip("2088000000000001", DAY, ENTRIES, LocalDateTime.of(2026, 12, 1, 9, 0)))
                .get("2088000000000001_20261130_业务明细.csv");
        List<String> lines = detail.lines().toList();

        assertThat(lines.getFirst()).isEqualTo("#支付宝业务明细查询");
        assertThat(lines).contains("#起始日期：[2026年11月30日 00:00:00]   终止日期：[2026年12月01日 00:00:00]");
        List<String> data = lines.stream().filter(line -> !line.startsWith("#")).toList();
        assertThat(data.getFirst()).isEqualTo(String.join(",", AlipayTradeBill.DETAIL_COLUMNS));
        assertThat(data).hasSize(3);
        String[] payment = data.get(1).split(",", -1);
        String[] refund = data.get(2).split(",", -1);
        assertThat(payment).hasSize(AlipayTradeBill.DETAIL_COLUMNS.size());
        assertThat(refund).hasSize(AlipayTradeBill.DETAIL_COLUMNS.size());
        assertThat(payment[1]).isEqualTo("pay_1\t");
        assertThat(payment[2]).isEqualTo("交易\t");
        assertThat(payment[3]).isEqualTo("Game key， deluxe\t");
        assertThat(payment[5]).isEqualTo("2026-11-30 10:03:04\t");
        assertThat(payment[11]).isEqualTo("19.99\t");
        assertThat(refund[2]).isEqualTo("退款\t");
        assertThat(refund[5]).isEqualTo("2026-11-30 23:59:59\t");
        assertThat(refund[12]).isEqualTo("-9.99\t");
        assertThat(refund[21]).isEqualTo("ref_1\t");
        assertThat(lines).contains("#交易合计：1笔，退款合计：1笔", "#导出时间：[2026年12月01日 09:00:00]");
    }

    @Test
    void the_summary_totals_the_day() throws IOException {
        String summary = unzip(AlipayTradeBill.zip("2088000000000001", DAY, ENTRIES, LocalDateTime.of(2026, 12, 1, 9, 0)))
                .get("2088000000000001_20261130_业务明细(汇总).csv");

        assertThat(summary.lines().filter(line -> !line.startsWith("#")).toList())
                .containsExactly(String.join(",", AlipayTradeBill.SUMMARY_COLUMNS), ",合计,1,1,10.00,10.00,0.00,0.00,0.00,0.00,0.00,10.00");
    }

    @Test
    void text_gbk_cannot_hold_or_that_would_break_a_line_is_replaced() {
        assertThat(AlipayTradeBill.text("a,b\tc\nd 🎮 会员")).isEqualTo("a，b c d ? 会员");
        assertThat(AlipayTradeBill.text(null)).isEmpty();
    }

    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), AlipayTradeBill.GBK)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), AlipayTradeBill.GBK));
            }
        }
        return files;
    }
}
