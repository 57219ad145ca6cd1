// Recognises exports that hold no orders (a shop's customer list, its product or inventory list) and
// names the export to use instead: a merchant who picked the wrong file learns which one to pick.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace retention {

// A sentence for the merchant when `header` is a known export without orders, else "".
std::string wrong_export_message(const std::vector<std::string_view>& header);

}  // namespace retention
