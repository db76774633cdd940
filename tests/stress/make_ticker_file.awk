# Writes a ticker file of about `gib` GiB to standard output: the dataset's
# columns, 5-second ticks through a 6.5-hour session (4,680 a day), every
# calendar day from 1962-01-01 on, one random-walk stock. Used by
# run_stress.sh; deterministic (fixed seed).
#
#   mawk -v gib=5 -f tests/stress/make_ticker_file.awk > big.us.txt
BEGIN {
    target = gib * 1024 * 1024 * 1024
    ticks = 0
    for (s = 9 * 3600 + 30 * 60; s < 16 * 3600; s += 5)
        clock[ticks++] = sprintf("%02d:%02d:%02d", int(s / 3600), int(s % 3600 / 60), s % 60)
    split("31 28 31 30 31 30 31 31 30 31 30 31", monthDays, " ")
    srand(1)
    header = "Date,Open,High,Low,Close,Volume,OpenInt\r\n"
    printf "%s", header
    bytes = length(header)
    y = 1962; m = 1; d = 1; price = 10
    while (bytes < target) {
        date = sprintf("%04d-%02d-%02d", y, m, d)
        for (i = 0; i < ticks && bytes < target; i++) {
            price += (rand() - 0.5) * 0.02
            if (price < 1)
                price = 1
            line = sprintf("%s %s,%.2f,%.2f,%.2f,%.2f,%d,0\r\n", date, clock[i], price, price + 0.01, price - 0.01, price, 100 + i)
            printf "%s", line
            bytes += length(line)
        }
        leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        if (++d > monthDays[m] + (m == 2 && leap)) {
            d = 1
            if (++m > 12) {
                m = 1
                y++
            }
        }
    }
}
