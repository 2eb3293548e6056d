// missive-test-datamatrix: prints the modules of an ECC200 DataMatrix for a payload, one row per
// line ('1' dark, '0' light), with zxing-cpp's encoder. Used by make_letters.py (test corpus);
// the payload arrives on stdin so that the GS separators (0x1D) pass untouched.

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <iostream>
#include <iterator>
#include <string>

int main()
{
    const std::string payload((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    try {
        const std::wstring wide(payload.begin(), payload.end()); // the INS payload is ASCII
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::DataMatrix);
        writer.setMargin(0);
        const ZXing::BitMatrix matrix = writer.encode(wide, 0, 0);
        for (int y = 0; y < matrix.height(); ++y) {
            std::string row;
            for (int x = 0; x < matrix.width(); ++x) {
                row += matrix.get(x, y) ? '1' : '0';
            }
            std::cout << row << '\n';
        }
    } catch (const std::exception& e) {
        std::cerr << "missive-test-datamatrix: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
