// Every limit on what comes from outside, in one place, with its reason.
// A value past a limit gives a clear error, never a crash or a hang.
#pragma once

#include <cstddef>
#include <cstdint>

namespace chiso::limits {

// A national table of 1.2 million rows is ~110 MB as text; leave room.
inline constexpr std::uint64_t file_size_bytes_max = 512ull << 20;
// The wait for a pipe's first byte (`… | chiso check /dev/stdin`, a FIFO):
// a program that has sent nothing by then is not sending a table, and a
// FIFO that no program writes to must not hang the reader.
inline constexpr int pipe_first_byte_wait_ms = 5'000;
// Rows in one file: 10x the national monthly history of the benchmark.
inline constexpr std::size_t rows_max = 20'000'000;
// Columns in one table: the plan has 17; a sheet with thousands is not a report.
inline constexpr std::size_t columns_max = 1'000;
// One cell's text: long notes are a few hundred characters.
inline constexpr std::size_t cell_bytes_max = 64 << 10;
// A cell longer than this is never compared with the plan's not-applicable
// markers ("-", "N/A", "không áp dụng"): folding a 64 KiB text for each
// marker would cost much for nothing.
inline constexpr std::size_t not_applicable_marker_bytes_max = 64;
// Findings of one rule kept when a table is checked (service/check_input.h):
// past it they are counted, not listed: no one reads the 1,001st finding of
// one rule, and a 2-million-finding table would otherwise take gigabytes.
inline constexpr std::size_t findings_per_rule_max = 1'000;
// One text line (a huge line is either binary or an attack).
inline constexpr std::size_t line_bytes_max = 1 << 20;
// Zip (XLSX/DOCX): entries, one entry's expanded size, total expanded size,
// and the compression ratio past which an entry is treated as a bomb.
inline constexpr std::size_t zip_entries_max = 10'000;
inline constexpr std::uint64_t zip_entry_bytes_max = 1ull << 30;
inline constexpr std::uint64_t zip_total_bytes_max = 2ull << 30;
inline constexpr std::uint64_t zip_ratio_max = 200;
// XML element nesting: Word tables nest a few levels; 256 is generous.
inline constexpr int xml_depth_max = 256;
// Rule and formula text in a plan file.
inline constexpr std::size_t rule_length_bytes_max = 4 << 10;
inline constexpr int expression_depth_max = 64;
// Plan file size.
inline constexpr std::uint64_t plan_size_bytes_max = 4 << 20;
// A part of the appendix's line "(Kèm theo {document} ngày … của {issuer})",
// from the plan or the command line: the line is 14 pt on A4 landscape, about
// 100 characters wide; 300 bytes (~130 Vietnamese characters) keeps each
// part within two lines.
inline constexpr std::size_t attached_line_part_bytes_max = 300;

// Charts: bars in one bar chart (a chart of thousands of units is unreadable
// and its PNG would take gigabytes) and pixels in one PNG (~200 MB of RGBA).
inline constexpr std::size_t chart_bars_max = 600;
inline constexpr std::uint64_t chart_png_pixels_max = 50'000'000;

// Accounts (store/accounts.h). A login name is typed on a form and shown in
// the trail: 64 characters hold any e-mail-like name. A display name is a
// person's name and title. A password longer than 1 KiB is not typed by a
// person; Argon2id reads all of it, so a cap keeps a megabyte body from
// being hashed. A reporter reports for a few units; a plan has at most a few
// thousand. The trail is read a page at a time. A client's address is an IP
// (at most 45 characters for IPv6); what is longer is cut there.
inline constexpr std::size_t user_name_bytes_max = 64;
inline constexpr std::size_t client_address_bytes_max = 64;
inline constexpr std::size_t display_name_bytes_max = 200;
inline constexpr std::size_t password_bytes_max = 1024;
inline constexpr std::size_t units_per_user_max = 1'000;
inline constexpr int auth_events_per_query_max = 10'000;

// What people write about a row (comments, returns, explanations of
// warnings): a few sentences each; a page of text is the most a person
// means. A row has one explanation per warning, so at most one per
// indicator and rule.
inline constexpr std::size_t note_bytes_max = 4 << 10;
inline constexpr std::size_t explanations_per_row_max = 200;

// The server (src/server/). A request's start line and headers: a browser
// sends 1-2 KiB with its cookie; 16 KiB leaves room and refuses a flood
// (431). A JSON body: a unit's row is a few KiB, a row of 10,000 cells of
// 64 bytes ~1 MiB (413). An upload: the seed's table is 20 KiB, a city's
// year of months a few MiB (413). JSON nesting: the API's documents nest 3
// levels; a deeper one is not ours (400).
inline constexpr std::size_t request_header_bytes_max = 16 << 10;
inline constexpr std::size_t json_body_bytes_max = 1 << 20;
inline constexpr std::size_t upload_body_bytes_max = 20 << 20;
inline constexpr int json_depth_max = 16;
// A connection idle between requests is closed after this; a client that
// takes longer to send one request (headers and body), or to read one
// answer, is too slow (a slow-loris attack keeps a connection forever).
inline constexpr int keep_alive_idle_ms = 60'000;
inline constexpr int request_read_ms_max = 120'000;
inline constexpr int response_write_ms_max = 120'000;
// Open connections at once: past it new ones are closed at accept (each
// idle one costs a few KiB, no thread).
inline constexpr std::size_t connections_max = 10'000;
// Requests waiting for a store thread: past it the server answers 503 at
// once rather than queueing without bound.
inline constexpr std::size_t queued_requests_max = 4'096;
// Password hashes (Argon2id: a login, a new password) the server computes
// at once; the others wait their turn (server/worker_pool.h). Each holds the
// hash's memory while it runs (store/account_secrets.h), so this bounds the
// logins' share of the server's memory (the aim: 60 MB resident, issue 16 §7).
inline constexpr int password_hashes_at_once = 1;
// Writes the server's one writer takes into one commit (group commit,
// server/worker_pool.h): what waits in its queue when it starts a group, up
// to this many. A save is answered once its group is committed, so this
// bounds how long the first of a group waits for the last.
inline constexpr std::size_t writes_per_commit_max = 64;
// chiso-publish, run for a report download, is stopped after this.
inline constexpr int publish_timeout_ms = 60'000;
// After refusing a request it did not read (413, 431), the server reads and
// drops what the client still sends for this long before closing, so that
// the client reads the refusal instead of a reset connection.
inline constexpr int drain_ms_max = 2'000;
// Encoded answers kept for the next reader (server/answer_cache.h): a
// period's table and status. The 10,000-unit period's table is a few MiB;
// the budget keeps a few periods and stays within the server's memory aim
// (60 MB resident, issue 16 §7).
inline constexpr std::size_t answer_cache_bytes_max = 16 << 20;
// A kept answer at least this large is sent from an in-memory file with
// sendfile (server/file_copies.h); a smaller one is copied into the socket,
// which costs less than handing over its pages.
inline constexpr std::size_t sendfile_body_bytes_min = 16 << 10;
// The server makes the saves it acknowledged survive a power cut this
// often (Store::sync_committed): a power cut costs at most the saves of the
// last interval; a killed process costs none (docs/deploy.md).
inline constexpr int committed_sync_interval_ms = 1'000;
// A graceful stop waits this long for requests in flight.
inline constexpr int stop_grace_ms = 20'000;

}  // namespace chiso::limits
