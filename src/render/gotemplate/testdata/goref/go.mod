module gtref
go 1.26
