package io.payonce.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import io.payonce.gateway.bills.AlipayTradeBill;
import io.payonce.gateway.book.SandboxBook.BillEntry;
import org.junit.jupiter.api.Test;

/** The reader against files the sandbox gateway's writer produces, and against broken ones made from them by hand. */
class AlipayTradeBillReaderTest {

    private static final String PID = "2088000000000001";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final String DETAIL = PID + "_20261130_业务明细.csv";
    private static final String SUMMARY = PID + "_20261130_业务明细(汇总).csv";
    private static final List<BillEntry> ENTRIES = List.of(
            new BillEntry("pay_a", "2026113022001000000000000001", null, null, "Game key, deluxe 🎮", 1999, "CNY",
                    Instant.parse("2026-11-29T16:00:00Z")),
            new BillEntry("pay_b", "2026113022001000000000000002", null, null, "VIP 30 天", 3000, "CNY",
                    Instant.parse("2026-11-30T08:00:00Z")),
            new BillEntry("pay_a", "2026113022001000000000000001", "ref_a", "R1", "Game key", 999, "CNY",
                    Instant.parse("2026-11-30T15:59:59Z")));

    private final AlipayTradeBillReader reader = new AlipayTradeBillReader(AlipayTradeBillReader.Limits.DEFAULT);

    @Test
    void reads_each_payment_and_refund_the_gateway_wrote_with_amounts_in_fen_and_beijing_times() {
        GatewayBill bill = reader.read(written(ENTRIES), DAY);

        assertThat(bill.day()).isEqualTo(DAY);
        assertThat(bill.lines()).containsExactly(
                new GatewayBill.Line(GatewayBill.Kind.PAYMENT, "2026113022001000000000000001", "pay_a", null, 1999,
                        LocalDateTime.of(2026, 11, 30, 0, 0, 0)),
                new GatewayBill.Line(GatewayBill.Kind.PAYMENT, "2026113022001000000000000002", "pay_b", null, 3000,
                        LocalDateTime.of(2026, 11, 30, 16, 0, 0)),
                new GatewayBill.Line(GatewayBill.Kind.REFUND, "2026113022001000000000000001", "pay_a", "ref_a", 999,
                        LocalDateTime.of(2026, 11, 30, 23, 59, 59)));
    }

    @Test
    void a_day_without_trades_is_an_empty_bill() {
        assertThat(reader.read(written(List.of()), DAY).lines()).isEmpty();
    }

    @Test
    void bytes_that_are_not_a_zip_or_a_zip_cut_short_are_refused() {
        assertRefused("not a zip".getBytes(StandardCharsets.US_ASCII), "must hold the 业务明细 and 业务明细(汇总) files");
        byte[] zip = written(ENTRIES);
        assertRefused(Arrays.copyOf(zip, zip.length / 2), "not a readable zip");
        assertRefused(new byte[0], "must hold");
    }

    @Test
    void a_bill_in_utf8_instead_of_gbk_is_refused() {
        Map<String, String> files = unzip(written(ENTRIES));
        assertRefused(zip(files, StandardCharsets.UTF_8), "not GBK");
    }

    @Test
    void a_missing_or_renamed_column_is_refused() {
        assertRefused(edited(DETAIL, text -> text.replace(",备注", "").replace("\t,0.00\t,0.00\t,\t\r\n", "\t,0.00\t,0.00\t\r\n")),
                "columns are not Alipay's");
        assertRefused(edited(DETAIL, text -> text.replace("商户订单号", "订单号")), "columns are not Alipay's");
        assertRefused(edited(SUMMARY, text -> text.replace("交易订单总笔数", "笔数")), "columns are not Alipay's");
    }

    @Test
    void a_line_with_a_field_too_many_or_too_few_is_refused() {
        assertRefused(edited(DETAIL, text -> text.replace("VIP 30 天", "VIP, 30 天")), "has 26 fields, not 25");
        assertRefused(edited(DETAIL, text -> text.replace("VIP 30 天\t,", "")), "has 24 fields, not 25");
    }

    @Test
    void a_detail_cut_short_disagrees_with_its_summary_and_is_refused() {
        assertRefused(edited(DETAIL, text -> text.lines().filter(line -> !line.contains("pay_b"))
                .map(line -> line + "\r\n").reduce("", String::concat)), "does not add up to its summary");
        assertRefused(edited(SUMMARY, text -> text.replace(",合计,2,1,", ",合计,2,0,")), "does not add up");
    }

    @Test
    void values_that_are_not_ids_amounts_types_or_times_are_refused() {
        assertRefused(edited(DETAIL, text -> text.replace("19.99\t", "19.9\t")), "not an amount in yuan");
        assertRefused(edited(DETAIL, text -> text.replace("-9.99\t,-9.99", "9.99\t,9.99")), "refund's negative");
        assertRefused(edited(DETAIL, text -> text.replace("退款\t", "转账\t")), "neither 交易 nor 退款");
        assertRefused(edited(DETAIL, text -> text.replace("pay_b", "")), "商户订单号 '' is not an id");
        assertRefused(edited(DETAIL, text -> text.replace("ref_a", "")), "退款批次号/请求号 '' is not an id");
        assertRefused(edited(DETAIL, text -> text.replace("2026-11-30 16:00:00", "2026-11-30 25:00:00")), "is not yyyy-MM-dd HH:mm:ss");
    }

    @Test
    void another_days_bill_or_a_zip_with_other_files_is_refused() {
        assertThatThrownBy(() -> reader.read(written(ENTRIES), DAY.minusDays(1)))
                .isInstanceOf(BillUnreadable.class).hasMessageContaining("is for 20261130, not for 2026-11-29");
        Map<String, String> files = unzip(written(ENTRIES));
        files.put("readme.txt", "hello");
        assertRefused(zip(files, AlipayTradeBill.GBK), "unexpected file 'readme.txt'");
        files.remove("readme.txt");
        files.remove(SUMMARY);
        assertRefused(zip(files, AlipayTradeBill.GBK), "it holds 1 of them");
    }

    @Test
    void a_file_that_inflates_past_the_limit_is_refused_before_it_is_read_whole() {
        Map<String, String> files = unzip(written(ENTRIES));
        files.put(DETAIL, files.get(DETAIL) + "#" + " ".repeat(2 << 20) + "\r\n");
        byte[] bomb = zip(files, AlipayTradeBill.GBK);
        assertThat(bomb.length).isLessThan(64 << 10);
        AlipayTradeBillReader small = new AlipayTradeBillReader(new AlipayTradeBillReader.Limits(1 << 20, 1 << 20, 100));

        assertThatThrownBy(() -> small.read(bomb, DAY)).isInstanceOf(BillUnreadable.class)
                .hasMessageContaining("inflates to more than 1048576 bytes");
    }

    @Test
    void a_download_or_a_day_past_the_limits_is_refused() {
        byte[] zip = written(ENTRIES);
        assertThatThrownBy(() -> new AlipayTradeBillReader(new AlipayTradeBillReader.Limits(zip.length - 1, 1 << 20, 100)).read(zip, DAY))
                .isInstanceOf(BillUnreadable.class).hasMessageContaining("more than the " + (zip.length - 1) + " allowed");
        assertThatThrownBy(() -> new AlipayTradeBillReader(new AlipayTradeBillReader.Limits(1 << 20, 1 << 20, 2)).read(zip, DAY))
                .isInstanceOf(BillUnreadable.class).hasMessageContaining("3 lines, more than the 2 allowed");
    }

    private void assertRefused(byte[] zip, String reason) {
        assertThatThrownBy(() -> reader.read(zip, DAY)).isInstanceOf(BillUnreadable.class).hasMessageContaining(reason);
    }

    private static byte[] written(List<BillEntry> entries) {
        return AlipayTradeBill.zip(PID, DAY, entries, LocalDateTime.of(2026, 12, 1, 9, 0));
    }

    /** The writer's bill with one of its files edited, zipped again as Alipay zips it. */
    private static byte[] edited(String file, UnaryOperator<String> edit) {
        Map<String, String> files = unzip(written(ENTRIES));
        String before = files.get(file);
        String after = edit.apply(before);
        assertThat(after).as("the edit changes the file").isNotEqualTo(before);
        files.put(file, after);
        return zip(files, AlipayTradeBill.GBK);
    }

    private static Map<String, String> unzip(byte[] zip) {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), AlipayTradeBill.GBK)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), AlipayTradeBill.GBK));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static byte[] zip(Map<String, String> files, Charset charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, AlipayTradeBill.GBK)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(charset));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
