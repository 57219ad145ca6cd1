// Keys of every kind that the interner and the customer keys encode (model/whole_key.hpp), with pairs
// that differ only where an encoding could lose them.
#pragma once

#include <string>
#include <vector>

namespace test {

inline std::vector<std::string> tricky_keys() {
  return {"",
          "7",
          "07",
          "007",
          "C1469767",
          "C146976",
          std::string("C14\0", 4),
          std::string("C14", 3),
          std::string("\0", 1),
          std::string("\0\0", 2),
          std::string(8, '\0'),
          "12345678",
          "123456789",
          "0123456789",
          "00123456789",
          "6029384756123",
          "9999999999999999999",   // 19 digits: the largest kept whole
          "09999999999999999999",  // 20: hashed
          "18446744073709551616",  // 2^64, 20 digits
          "1844674407370955161",
          "jane.doe@example.com",
          "Jane.Doe@example.com",
          "cus_NffrFeUfNV2Hib",
          "3f2b1c9e-8d4a-4b6e-9f1a-2c3d4e5f6a7b",
          std::string(300000, 'x'),  // a block of its own
          std::string(300000, 'x') + "y",
          "12345678901234567890123"};
}


}  // namespace test
