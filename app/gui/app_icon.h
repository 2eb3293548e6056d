#pragma once
// Missive's icon, drawn rather than loaded: the same on every platform (a theme icon is blank on
// Windows, and the build ships no image plugins).

#include <QIcon>

namespace missive::gui
{

// An envelope with a check mark, at the sizes a window, a task bar and a tray ask for.
[[nodiscard]] QIcon missiveIcon();

} // namespace missive::gui
