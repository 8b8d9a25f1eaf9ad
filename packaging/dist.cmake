cmake_minimum_required(VERSION 3.25)  # script mode: the policies of the project
# Run by the `dist` target (packaging/CMakeLists.txt passes every -D); writes OUT_DIR.
# Archives list their entries explicitly (no "./" entry; a directory is added before its files)
# and hold only directories and regular files: Helm 3's extractor rejects anything else.

set(_stage "${OUT_DIR}/stage")
file(REMOVE_RECURSE "${_stage}")
set(_suffix "${OS}_${ARCH}")

# Copies `src` into `dir` under `name`, keeping its permissions; strips binaries when asked.
function(stage src dir name)
  cmake_parse_arguments(ARG "STRIPPED" "" "" ${ARGN})
  file(MAKE_DIRECTORY "${dir}")
  file(COPY "${src}" DESTINATION "${dir}")
  get_filename_component(_base "${src}" NAME)
  if(NOT _base STREQUAL name)
    file(RENAME "${dir}/${_base}" "${dir}/${name}")
  endif()
  if(ARG_STRIPPED AND STRIP_TOOL)
    execute_process(COMMAND "${STRIP_TOOL}" --strip-unneeded "${dir}/${name}"
                    COMMAND_ERROR_IS_FATAL ANY)
  endif()
endfunction()

# A gzip'd tar of `entries` (relative to `dir`), with a fixed mtime so that a rebuild of the
# same binaries gives the same archive.
function(pack archive dir)
  file(REMOVE "${archive}")
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -E tar czf "${archive}" --format=gnutar --mtime=2000-01-01 -- ${ARGN}
    WORKING_DIRECTORY "${dir}" COMMAND_ERROR_IS_FATAL ANY)
endfunction()

# The kubectl plugin and its krew manifest.
set(_k "${_stage}/kubectl")
stage("${KUBECTL_DETGW}" "${_k}" kubectl-detgw STRIPPED)
stage("${PACKAGING_DIR}/kubectl_complete-detgw" "${_k}" kubectl_complete-detgw)
stage("${SOURCE_DIR}/LICENSE" "${_k}" LICENSE)
stage("${SOURCE_DIR}/README.md" "${_k}" README.md)
set(KREW_ARCHIVE_NAME "kubectl-detgw_v${VERSION}_${_suffix}.tar.gz")
pack("${OUT_DIR}/${KREW_ARCHIVE_NAME}" "${_k}" kubectl-detgw kubectl_complete-detgw LICENSE README.md)
file(SHA256 "${OUT_DIR}/${KREW_ARCHIVE_NAME}" KREW_SHA256)  # lowercase hex, as krew requires
set(KREW_URI "${RELEASE_URL}/${KREW_ARCHIVE_NAME}")
# The template quotes uri and sha256: a hash of digits only must still read as a string.
configure_file("${PACKAGING_DIR}/detgw.yaml.in" "${OUT_DIR}/detgw.yaml" @ONLY)

# The Helm plugin: plugin.yaml at the archive root (Helm 3 requires it there; Helm 4 accepts
# it), the binary already in bin/ so the install hook keeps it instead of building.
set(_h "${_stage}/helm")
stage("${SOURCE_DIR}/plugin.yaml" "${_h}" plugin.yaml)
stage("${SOURCE_DIR}/plugin.complete" "${_h}" plugin.complete)
stage("${SOURCE_DIR}/scripts/install-helm-plugin" "${_h}/scripts" install-helm-plugin)
stage("${HELM_MULTIRM}" "${_h}/bin" helm-multirm STRIPPED)
stage("${SOURCE_DIR}/LICENSE" "${_h}" LICENSE)
stage("${SOURCE_DIR}/README.md" "${_h}" README.md)
pack("${OUT_DIR}/helm-multirm_${VERSION}_${_suffix}.tgz" "${_h}"
     plugin.yaml plugin.complete LICENSE README.md bin scripts)

file(REMOVE_RECURSE "${_stage}")
