from kt_workbench.cli import main

main()
