# Where the planka STAND-IN keeps files, by the version STANDIN_VERSION names (sourced by
# start.sh and routes.sh). Planka 1.x: three folders; 2.x: all under /app/data.

# planka_folders: the version's three file folders, one a line.
planka_folders() {
  for _kind in user-avatars background-images attachments; do planka_place "$_kind"; done
}

# planka_place KIND: the folder of KIND (attachments, user-avatars, background-images), or
# nothing for another KIND.
planka_place() {
  case "${STANDIN_VERSION:-2}" in
    1.*)
      case "$1" in
        user-avatars) echo /app/public/user-avatars ;;
        background-images) echo /app/public/project-background-images ;;
        attachments) echo /app/private/attachments ;;
      esac ;;
    *)
      case "$1" in
        user-avatars) echo /app/data/protected/user-avatars ;;
        background-images) echo /app/data/protected/background-images ;;
        attachments) echo /app/data/private/attachments ;;
      esac ;;
  esac
}
